// LCS reports where an F&O environment runs as an Azure region; the Power Platform admin center
// files environments by geography. Linking an existing Dataverse environment needs both in the same
// geography, so the region has to be translated. Only regions F&O is commonly deployed to are here:
// an unknown region makes the geography check "unknown" rather than failing a pair that may be fine.

export const GEOGRAPHY_BY_AZURE_REGION: Readonly<Record<string, string>> = {
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
  germanynorth: 'germany',
  switzerlandnorth: 'switzerland',
  switzerlandwest: 'switzerland',
  norwayeast: 'norway',
  norwaywest: 'norway',
  southafricanorth: 'southafrica',
  southafricawest: 'southafrica',
  uaenorth: 'uae',
  uaecentral: 'uae',
  brazilsouth: 'southamerica',
};

const GEOGRAPHY_LABELS: Readonly<Record<string, string>> = {
  unitedstates: 'United States',
  europe: 'Europe',
  unitedkingdom: 'United Kingdom',
  canada: 'Canada',
  australia: 'Australia',
  japan: 'Japan',
  asia: 'Asia',
  india: 'India',
  france: 'France',
  germany: 'Germany',
  switzerland: 'Switzerland',
  norway: 'Norway',
  southafrica: 'South Africa',
  uae: 'United Arab Emirates',
  southamerica: 'South America',
};

/** The Power Platform geography (BAP `location`) of an Azure region; null when the region is not mapped. */
export function geographyOfRegion(azureRegion: string): string | null {
  const region = azureRegion.trim().toLowerCase();
  // Own keys only: a region named like an Object.prototype member ("constructor") is simply unknown.
  return Object.hasOwn(GEOGRAPHY_BY_AZURE_REGION, region) ? GEOGRAPHY_BY_AZURE_REGION[region]! : null;
}

/** "United States" for `unitedstates`; an unmapped geography is shown as the admin center names it. */
export function geographyLabel(geography: string): string {
  const key = geography.toLowerCase();
  return Object.hasOwn(GEOGRAPHY_LABELS, key) ? GEOGRAPHY_LABELS[key]! : geography;
}
