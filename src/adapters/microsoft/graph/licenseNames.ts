// Graph reports licences as SKU part numbers; the readiness rules speak of licence names (the ones
// the PPI setup validation accepts, see domain/readiness/tenantChecks.ts). Microsoft publishes no
// authoritative mapping for every F&O SKU (docs/sources.md, API §6), so these defaults cover the common
// part numbers and MICROSOFT_LICENSE_NAMES adds or overrides entries. A SKU without an entry is shown
// by its part number, so nothing a person holds is hidden.

export const DEFAULT_LICENSE_NAMES: Readonly<Record<string, string>> = {
  DYN365_FINANCE: 'Dynamics 365 Finance',
  DYN365_FINANCE_ATTACH: 'Dynamics 365 Finance',
  DYN365_SCM: 'Dynamics 365 Supply Chain Management',
  DYN365_SCM_ATTACH: 'Dynamics 365 Supply Chain Management',
  DYN365_PROJECT_OPERATIONS: 'Dynamics 365 Project Operations',
  DYN365_PROJECT_OPERATIONS_ATTACH: 'Dynamics 365 Project Operations',
  DYNAMICS_365_FOR_OPERATIONS: 'Dynamics 365 Unified Operations Plan',
  DYN365_ENTERPRISE_TEAM_MEMBERS: 'Dynamics 365 Team Members',
  DYN365_TEAM_MEMBERS: 'Dynamics 365 Team Members',
  SPE_E3: 'Microsoft 365 E3',
  SPE_E5: 'Microsoft 365 E5',
  POWERAPPS_PER_USER: 'Power Apps Premium',
};

/** The licence name for a SKU part number (case-insensitive); the part number itself when unmapped. */
export function licenseName(skuPartNumber: string, names: Readonly<Record<string, string>>): string {
  const key = skuPartNumber.toUpperCase();
  return Object.hasOwn(names, key) ? names[key]! : skuPartNumber;
}
