// Licences that let a person run the Power Platform integration setup (the list LCS's validation of
// the existing-environment path accepts; docs/sources.md (b) P4). One list for the readiness check, the
// triage rules and the simulator, so they can never disagree.

export const QUALIFYING_LICENSES = [
  'Dynamics 365 Unified Operations Plan',
  'AX Enterprise',
  'Dynamics 365 Finance',
  'Dynamics 365 Supply Chain Management',
  'Dynamics 365 Commerce',
  'Dynamics 365 Project Operations',
  'Dynamics 365 Human Resources',
] as const;

/** True for a licence name on the list, in any case and spacing. */
export function isQualifyingLicense(license: string): boolean {
  const name = license.trim().toLowerCase();
  return QUALIFYING_LICENSES.some((qualifying) => qualifying.toLowerCase() === name);
}
