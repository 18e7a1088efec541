import type { FnoEnvironment, Operation, PowerPlatformEnvironment, Tenant } from '../../../src/domain/model';

// Small builders shaped after the Contoso world, so each test states only what it is about.

export const id = (suffix: string) => `00000000-0000-0000-0000-00000000${suffix}`;
export const PRIYA = { objectId: id('a001'), displayName: 'Priya Raman' };
export const MARCUS = { objectId: id('a002'), displayName: 'Marcus Lee' };

export function makeFno(overrides: Partial<FnoEnvironment> = {}): FnoEnvironment {
  return {
    id: id('f004'),
    name: 'contoso-test',
    type: 'Sandbox',
    sandboxTier: 2,
    cloudHosted: false,
    azureRegion: 'westus',
    url: 'https://contoso-test.sandbox.operations.dynamics.com',
    platformVersion: '7.0.7198.49',
    applicationVersion: '10.0.40',
    deploymentState: 'Deployed',
    environmentAdministrator: PRIYA,
    lcsProject: { id: '2417390', name: 'Contoso ERP', tenantId: id('c001') },
    linkedPowerPlatformEnvironmentIds: [id('b004')],
    ...overrides,
  };
}

export function makePp(overrides: Partial<PowerPlatformEnvironment> = {}): PowerPlatformEnvironment {
  return {
    id: id('b004'),
    displayName: 'contoso-test',
    sku: 'Sandbox',
    geography: 'unitedstates',
    azureRegion: 'westus',
    hasDataverse: true,
    instanceUrl: 'https://contoso-test.crm.dynamics.com',
    linkedApp: { id: id('f004'), type: 'Linked', url: 'https://contoso-test.sandbox.operations.dynamics.com' },
    state: 'Ready',
    isInitialEnvironment: true,
    connections: [],
    ...overrides,
  };
}

export function makeUnified(overrides: Partial<PowerPlatformEnvironment> = {}): PowerPlatformEnvironment {
  return makePp({
    id: id('b020'),
    displayName: 'contoso-unified',
    linkedApp: { id: id('e020'), type: 'Internal', url: 'https://contoso-unified.operations.dynamics.com' },
    isInitialEnvironment: false,
    ...overrides,
  });
}

export function makeOperation(overrides: Partial<Operation> = {}): Operation {
  return {
    id: id('d001'),
    kind: 'DatabaseExport',
    status: 'Succeeded',
    side: 'Lcs',
    fnoEnvironmentId: id('f004'),
    ppEnvironmentId: null,
    stages: [],
    error: null,
    requestedBy: PRIYA,
    correlationId: 'corr',
    createdAt: '2025-06-02T00:00:00.000Z',
    updatedAt: '2025-06-02T00:00:00.000Z',
    parameters: {},
    ...overrides,
  };
}

export function makeTenant(overrides: Partial<Tenant> = {}): Tenant {
  return {
    id: id('c001'),
    displayName: 'Contoso',
    country: 'United States',
    capacity: {
      database: { entitledMb: 20480, consumedMb: 19356 },
      file: { entitledMb: 40960, consumedMb: 1000 },
      log: { entitledMb: 2048, consumedMb: 100 },
    },
    environmentCreationRestrictedToAdmins: true,
    entitlements: ['Finance'],
    ...overrides,
  };
}
