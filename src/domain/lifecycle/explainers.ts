import type { Tenant } from '../model';
import { MB_PER_GB, sizeBeside } from '../sizes';

// Answers to the two questions admins ask before setup, worded around the tenant's own figures.

const GB = MB_PER_GB;

/** The limits this explainer compares against; no figure is rounded across them. */
const LIMITS_MB = [GB, 3 * GB];

function size(mb: number): string {
  return sizeBeside(mb, LIMITS_MB);
}

/** Where the tenant's Dataverse database capacity comes from and what the integration will take. */
export function capacityExplainer(tenant: Tenant): string[] {
  const { entitledMb, consumedMb } = tenant.capacity.database;
  const freeMb = entitledMb - consumedMb;
  let outlook: string;
  if (freeMb < 0) {
    outlook = `${tenant.displayName} is already ${size(-freeMb)} over its database capacity, so setup would fail. Free up space or buy more before starting.`;
  } else if (freeMb < GB) {
    outlook = `With ${size(freeMb)} free, setup would fail: it needs at least 1 GB. Free up space or buy more before starting.`;
  } else if (freeMb < 3 * GB) {
    outlook = `${size(freeMb)} free is enough to start one setup, but an integrated database often grows past 3 GB, so plan for more.`;
  } else {
    outlook = `${size(freeMb)} free covers the 1 GB setup needs and leaves room for the database to grow past 3 GB.`;
  }
  return [
    `Dataverse database capacity of ${tenant.displayName}: ${size(entitledMb)} entitled, ${size(consumedMb)} used, ${size(Math.max(0, freeMb))} free.`,
    'The entitlement grows with your licences: any finance and operations app licence adds 10 GB of Dataverse database capacity to the tenant, and every user licence adds a further amount on top.',
    'Each initial environment, the one LCS creates without Dataverse, takes about 1 GB. Once setup adds Dataverse to it, expect it to reach 3 GB or more.',
    'Add-on sandboxes bought for LCS bring no Dataverse capacity with them; if they need the integration, buy Dataverse database add-on storage.',
    outlook,
  ];
}

const UNITED_STATES = new Set(['united states', 'united states of america', 'us', 'usa']);

/** Where the language and currency of a Dataverse environment created by setup come from. */
export function languageCurrencyExplainer(tenant: Tenant): string[] {
  const expectation = UNITED_STATES.has(tenant.country.trim().toLowerCase())
    ? 'So expect English and US dollars (USD).'
    : `So expect the defaults for ${tenant.country}.`;
  return [
    `Setup does not ask for the language and currency of a new Dataverse environment: they follow the physical address of your tenant, which for ${tenant.displayName} is in ${tenant.country}.`,
    expectation,
    "Need other values? Ask Microsoft support, or create the Dataverse environment yourself in PPAC with the language and currency you want, then connect it in LCS with 'Use a different Power Platform environment'.",
    'Decide before setup: the link cannot be undone, and a Dataverse environment keeps its base language and currency for life.',
  ];
}
