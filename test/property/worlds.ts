import fc from 'fast-check';
import type {
  DataverseConnection,
  DirectoryUser,
  EntraAdminRole,
  FnoEnvironment,
  PowerPlatformEnvironment,
  Tenant,
} from '../../src/domain/model';
import { QUALIFYING_LICENSES } from '../../src/domain/licenses';
import { geographyOfRegion } from '../../src/domain/readiness/geography';

// Generated worlds: tenants the bot was not built around. Names are unique and never contain one
// another, so a test can tell which environment a sentence names. Nothing here is kept consistent
// on purpose beyond what the services guarantee (ids unique, a linked app points at an F&O id or a
// unified app): the rules must answer rightly for any state the services can report.

export interface World {
  tenant: Tenant;
  fnos: FnoEnvironment[];
  pps: PowerPlatformEnvironment[];
  users: DirectoryUser[];
}

/** How many generated worlds each property checks: 1,000 in `npm test`, more under `npm run fuzz`. */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
/** A fixed seed reproduces a failure printed by an earlier run (`FUZZ_SEED=… npm run fuzz`). */
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/** With the seed, the path fast-check printed replays the shrunk counter-example directly. */
const PATH = process.env.FUZZ_PATH;

export function propertyOptions<T>(): fc.Parameters<T> {
  return { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), ...(PATH === undefined ? {} : { path: PATH }) };
}

const TENANT_ID = 'tenant-home';
const REGIONS = ['westus', 'eastus', 'westeurope', 'northeurope', 'uksouth', 'japaneast', 'australiaeast', 'mysteryregion9'];
const GEOGRAPHIES = ['unitedstates', 'europe', 'unitedkingdom', 'japan', 'australia', 'canada'];
const OTHER_LICENCES = ['Microsoft 365 E5', 'Power Apps per user', 'Dynamics 365 Sales Enterprise', 'Office 365 E3'];
const ENTRA_ROLES: EntraAdminRole[] = ['GlobalAdministrator', 'PowerPlatformAdministrator', 'Dynamics365Administrator'];
const LCS_ROLES = ['ProjectOwner', 'EnvironmentManager', 'TeamMember', 'Operator'];
const PROJECT = { id: 'project-1', name: 'ERP project' };

/** Free capacity clustered around the limits the rules compare against (1 GB, 3 GB). */
const freeMb = fc.oneof(
  fc.integer({ min: -3000, max: 6000 }),
  fc.constantFrom(990, 1000, 1023, 1024, 1025, 1030, 1075, 3067, 3071, 3072, 3073, 3100, 0, -1),
  fc.integer({ min: 900, max: 1150 }),
  fc.integer({ min: 2950, max: 3200 }),
);

const tenantArb: fc.Arbitrary<Tenant> = fc
  .record({
    consumed: fc.integer({ min: 0, max: 60_000 }),
    free: freeMb,
    restricted: fc.boolean(),
    country: fc.constantFrom('United States', 'Germany', 'Japan', 'Brazil'),
  })
  // Consumed can exceed the entitlement (free below zero), but neither figure is ever negative.
  .map(({ consumed, free, restricted, country }) => ({
    id: TENANT_ID,
    displayName: 'Tenant',
    country,
    capacity: {
      database: { entitledMb: Math.max(0, consumed + free), consumedMb: consumed + free < 0 ? -free : consumed },
      file: { entitledMb: 40_960, consumedMb: 100 },
      log: { entitledMb: 2_048, consumedMb: 10 },
    },
    environmentCreationRestrictedToAdmins: restricted,
    entitlements: ['Finance'],
  }));

type FnoShape = { kind: 'production' } | { kind: 'sandbox'; tier: number } | { kind: 'devtest'; cloudHosted: boolean };

const fnoShape: fc.Arbitrary<FnoShape> = fc.oneof(
  fc.constant<FnoShape>({ kind: 'production' }),
  fc.integer({ min: 2, max: 5 }).map((tier): FnoShape => ({ kind: 'sandbox', tier })),
  fc.boolean().map((cloudHosted): FnoShape => ({ kind: 'devtest', cloudHosted })),
);

/** What sits on the Power Platform side of an F&O environment. */
type PpSide = 'none' | 'initial-without-dataverse' | 'linked' | 'released';

interface FnoSeed {
  shape: FnoShape;
  region: string;
  admin: number | null;
  ppSide: PpSide;
  ppSku: 'Production' | 'Sandbox' | 'Trial';
  ppGeography: string;
}

const fnoSeed: fc.Arbitrary<FnoSeed> = fc.record({
  shape: fnoShape,
  region: fc.constantFrom(...REGIONS),
  admin: fc.option(fc.nat({ max: 3 }), { nil: null }),
  ppSide: fc.constantFrom<PpSide>('none', 'initial-without-dataverse', 'linked', 'linked', 'released'),
  ppSku: fc.constantFrom('Production', 'Sandbox', 'Trial'),
  ppGeography: fc.constantFrom(...GEOGRAPHIES),
});

interface ExtraPpSeed {
  sku: 'Production' | 'Sandbox' | 'Trial' | 'Developer';
  hasDataverse: boolean;
  geography: string;
  /** null: not linked; number: linked to that F&O environment (mod count); 'unified': hosts F&O itself. */
  link: number | 'unified' | null;
  connections: { kind: DataverseConnection['kind']; fno: number }[];
}

const extraPpSeed: fc.Arbitrary<ExtraPpSeed> = fc.record({
  sku: fc.constantFrom('Production', 'Sandbox', 'Trial', 'Developer'),
  hasDataverse: fc.boolean(),
  geography: fc.constantFrom(...GEOGRAPHIES),
  link: fc.oneof(fc.constant(null), fc.constant('unified' as const), fc.nat({ max: 5 })),
  connections: fc.array(fc.record({ kind: fc.constantFrom<DataverseConnection['kind']>('DualWrite', 'VirtualEntity'), fno: fc.nat({ max: 5 }) }), { maxLength: 2 }),
});

interface UserSeed {
  licences: string[];
  roles: EntraAdminRole[];
  lcsRole: string | null;
  otherTenant: boolean;
  sysAdminIn: number[];
  roleAgeMinutes: number;
  lcsUnreadable: boolean;
}

const userSeed: fc.Arbitrary<UserSeed> = fc.record({
  licences: fc.subarray([...QUALIFYING_LICENSES, ...OTHER_LICENCES]),
  roles: fc.subarray(ENTRA_ROLES),
  lcsRole: fc.option(fc.constantFrom(...LCS_ROLES), { nil: null }),
  otherTenant: fc.boolean(),
  sysAdminIn: fc.array(fc.nat({ max: 8 }), { maxLength: 3 }),
  roleAgeMinutes: fc.integer({ min: 0, max: 200 }),
  lcsUnreadable: fc.boolean(),
});

export const NOW = new Date('2026-03-01T12:00:00.000Z');

/** A linked pair shares a geography; an unknown region keeps whatever was generated. */
function geographyOf(region: string, otherwise: string): string {
  return geographyOfRegion(region) ?? otherwise;
}

/** `shout`: the services spell the ids they point with in upper case, as a Dataverse answer may. */
function buildWorld(tenant: Tenant, fnoSeeds: FnoSeed[], extraSeeds: ExtraPpSeed[], userSeeds: UserSeed[], shout: boolean): World {
  const pointer = (id: string) => (shout ? id.toUpperCase() : id);
  const users: DirectoryUser[] = userSeeds.map((seed, index) => ({
    objectId: `user-${index}`,
    displayName: `Person${index}`,
    userPrincipalName: `person${index}@example.com`,
    tenantId: seed.otherTenant ? 'tenant-partner' : TENANT_ID,
    entraRoles: seed.roles,
    licenses: seed.licences,
    dataverseRoles: [],
    lcsProjectRoles: seed.lcsRole ? [{ projectId: PROJECT.id, role: seed.lcsRole }] : [],
    ...(seed.lcsUnreadable ? { unreadable: { lcsProjectRoles: 'LCS needs the person to sign in' } } : {}),
  }));
  const fnos: FnoEnvironment[] = fnoSeeds.map((seed, index) => {
    const name = `fno${index}x`;
    const type = seed.shape.kind === 'production' ? 'Production' : seed.shape.kind === 'sandbox' ? 'Sandbox' : 'DevTest';
    return {
      id: `fno-id-${index}`,
      name,
      type,
      ...(seed.shape.kind === 'sandbox' ? { sandboxTier: seed.shape.tier } : {}),
      cloudHosted: seed.shape.kind === 'devtest' && seed.shape.cloudHosted,
      azureRegion: seed.region,
      url: `https://${name}.operations.dynamics.com`,
      platformVersion: '7.0.7521.60',
      applicationVersion: '10.0.40',
      deploymentState: 'Deployed',
      environmentAdministrator: seed.admin !== null && users.length > 0 ? { objectId: users[seed.admin % users.length]!.objectId, displayName: users[seed.admin % users.length]!.displayName } : null,
      lcsProject: { ...PROJECT, tenantId: TENANT_ID },
      linkedPowerPlatformEnvironmentIds: [],
    };
  });
  const pps: PowerPlatformEnvironment[] = [];
  fnoSeeds.forEach((seed, index) => {
    const fno = fnos[index]!;
    if (seed.ppSide === 'none') return;
    const released = seed.ppSide === 'released';
    const withDataverse = seed.ppSide === 'linked' || released;
    const id = `pp-id-${index}`;
    pps.push({
      id,
      displayName: `pp${index}y`,
      sku: seed.ppSku,
      geography: seed.ppSide === 'linked' ? geographyOf(fno.azureRegion, seed.ppGeography) : seed.ppGeography,
      azureRegion: fno.azureRegion,
      hasDataverse: withDataverse,
      instanceUrl: withDataverse ? `https://pp${index}y.crm.dynamics.com` : null,
      linkedApp: released ? null : { id: pointer(fno.id), type: 'Linked', url: fno.url },
      state: 'Ready',
      isInitialEnvironment: !released,
      connections: [],
    });
    if (!released) fno.linkedPowerPlatformEnvironmentIds.push(pointer(id));
  });
  extraSeeds.forEach((seed, index) => {
    const target = fnos.length > 0 && typeof seed.link === 'number' ? fnos[seed.link % fnos.length]! : null;
    const name = `extra${index}z`;
    pps.push({
      id: `pp-extra-${index}`,
      displayName: name,
      sku: seed.sku,
      geography: seed.geography,
      azureRegion: 'westus',
      hasDataverse: seed.hasDataverse || seed.link === 'unified',
      instanceUrl: seed.hasDataverse || seed.link === 'unified' ? `https://${name}.crm.dynamics.com` : null,
      linkedApp:
        seed.link === 'unified'
          ? { id: `unified-app-${index}`, type: 'Internal', url: `https://${name}.operations.dynamics.com` }
          : target
            ? { id: pointer(target.id), type: 'Linked', url: target.url }
            : null,
      state: 'Ready',
      isInitialEnvironment: false,
      connections: fnos.length > 0 ? seed.connections.map((c) => ({ kind: c.kind, fnoEnvironmentId: pointer(fnos[c.fno % fnos.length]!.id) })) : [],
    });
  });
  userSeeds.forEach((seed, index) => {
    users[index]!.dataverseRoles = seed.sysAdminIn
      .filter(() => pps.length > 0)
      .map((n) => ({
        ppEnvironmentId: pps[n % pps.length]!.id,
        role: 'System Administrator',
        assignedAt: new Date(NOW.getTime() - seed.roleAgeMinutes * 60_000).toISOString(),
      }));
  });
  return { tenant, fnos, pps, users };
}

export const worldArb: fc.Arbitrary<World> = fc
  .tuple(
    tenantArb,
    fc.array(fnoSeed, { minLength: 1, maxLength: 4 }),
    fc.array(extraPpSeed, { maxLength: 4 }),
    fc.array(userSeed, { minLength: 1, maxLength: 4 }),
    fc.boolean(),
  )
  .map(([tenant, fnoSeeds, extraSeeds, userSeeds, shout]) => buildWorld(tenant, fnoSeeds, extraSeeds, userSeeds, shout));

/** Every environment name in the world, for telling which ones a sentence names. */
export function allNames(world: World): string[] {
  return [...world.fnos.map((fno) => fno.name), ...world.pps.map((pp) => pp.displayName)];
}
