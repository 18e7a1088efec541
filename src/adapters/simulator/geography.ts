// Geography → Dataverse host suffix (crm, crm4…) for the org URLs a simulated setup creates. The
// region → geography map itself is domain knowledge (src/domain/readiness/geography.ts).

const DATAVERSE_HOST_BY_GEOGRAPHY: Record<string, string> = {
  unitedstates: 'crm',
  southamerica: 'crm2',
  canada: 'crm3',
  europe: 'crm4',
  asia: 'crm5',
  australia: 'crm6',
  japan: 'crm7',
  india: 'crm8',
  unitedkingdom: 'crm11',
  france: 'crm12',
  southafrica: 'crm14',
  uae: 'crm15',
  germany: 'crm16',
  switzerland: 'crm17',
  norway: 'crm19',
};

/** `https://<name>.crm<N>.dynamics.com` for a new Dataverse organisation in that geography. */
export function dataverseUrlFor(environmentName: string, geography: string): string {
  const host = DATAVERSE_HOST_BY_GEOGRAPHY[geography] ?? 'crm';
  const slug = environmentName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `https://${slug || 'org'}.${host}.dynamics.com`;
}
