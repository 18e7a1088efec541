// Azure region → Power Platform geography, for the same-geography rule of the existing-Dataverse
// path, and geography → Dataverse host suffix (crm, crm4…) for the org URLs setup creates.
// Only the regions a world is likely to use; an unknown region skips the geography check rather
// than failing a setup the real service might accept.

const GEOGRAPHY_BY_REGION: Record<string, string> = {
  eastus: 'unitedstates',
  eastus2: 'unitedstates',
  centralus: 'unitedstates',
  northcentralus: 'unitedstates',
  southcentralus: 'unitedstates',
  westcentralus: 'unitedstates',
  westus: 'unitedstates',
  westus2: 'unitedstates',
  westus3: 'unitedstates',
  westeurope: 'europe',
  northeurope: 'europe',
  uksouth: 'unitedkingdom',
  ukwest: 'unitedkingdom',
  canadacentral: 'canada',
  canadaeast: 'canada',
  australiaeast: 'australia',
  australiasoutheast: 'australia',
  japaneast: 'japan',
  japanwest: 'japan',
  southeastasia: 'asia',
  eastasia: 'asia',
  centralindia: 'india',
  southindia: 'india',
  francecentral: 'france',
  francesouth: 'france',
  germanywestcentral: 'germany',
  switzerlandnorth: 'switzerland',
  norwayeast: 'norway',
  southafricanorth: 'southafrica',
  uaenorth: 'uae',
  brazilsouth: 'southamerica',
};

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

/** The Power Platform geography an Azure region belongs to; null when the region is not known here. */
export function geographyOfRegion(azureRegion: string): string | null {
  return GEOGRAPHY_BY_REGION[azureRegion.toLowerCase()] ?? null;
}

/** `https://<name>.crm<N>.dynamics.com` for a new Dataverse organisation in that geography. */
export function dataverseUrlFor(environmentName: string, geography: string): string {
  const host = DATAVERSE_HOST_BY_GEOGRAPHY[geography] ?? 'crm';
  const slug = environmentName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `https://${slug || 'org'}.${host}.dynamics.com`;
}
