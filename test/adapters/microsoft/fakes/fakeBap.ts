import { randomUUID } from 'node:crypto';
import { FakeHttpServer, type FakeRequest, type FakeResponse } from './fakeHttpServer';
import { refuseToken } from './fakeTokens';
import { advance, ALL_TEMPLATES, isBusy, stageIndex, startOperation, type FakeBackup, type FakeOperation, type FakePpEnvironment, type FakeTenantState } from './fakeTenant';

// The Power Platform admin API (BAP) as real clients call it: environments with
// `$expand=properties.capacity` (shaped like the Terraform provider's fixtures, paged by `nextLink`),
// tenant settings (a POST), templates grouped by SKU at `locations/{location}/templates` (the
// Terraform provider's environment_templates client and fixture, fixtures/sources/bapTemplates.json),
// lifecycle operations (d365bap.tools' Get-BapEnvironmentOperation), and backup / restoreTo /
// copyTo answering 202 with a follow-up URL that answers 202 while the operation runs and 200 at
// the end. Each path answers only the api-versions the real service serves on it; any other is 404.

const PROVIDER = '/providers/Microsoft.BusinessAppPlatform';
const STAGES = ['Validate', 'Prepare', 'Run', 'Finalize'];
const AUDIENCE = 'https://service.powerapps.com';
/** api-versions per path, as the Terraform provider, d365bap.tools and Learn use them. */
const ENVIRONMENT_VERSIONS = ['2020-10-01', '2021-04-01', '2023-06-01'];
const TEMPLATE_VERSIONS = ['2023-06-01'];
const SETTINGS_VERSIONS = ['2020-10-01', '2023-06-01'];
const LIFECYCLE_VERSIONS = ['2023-06-01', '2024-05-01'];
const BACKUP_VERSIONS = ['2019-05-01'];
const RESTORE_COPY_VERSIONS = ['2019-05-01', '2021-04-01'];
/** copyTo's copyType values (Learn: Copy-PowerAppEnvironment; d365bap.tools' Start-UdeDatabaseRefresh adds TransactionLess). */
const BAP_COPY_TYPES = ['MinimalCopy', 'FullCopy', 'TransactionLess'];

export interface FakeBapOptions {
  /** Items per page of the environment and lifecycle operation lists (small, so paging is exercised). */
  pageSize: number;
}

function error(status: number, code: string, message: string): FakeResponse {
  return { status, body: { error: { code, message, detailUrlType: null } } };
}

function renderEnvironment(state: FakeTenantState, environment: FakePpEnvironment, dataverseUrl: string) {
  const p = environment;
  return {
    id: `${PROVIDER}/scopes/admin/environments/${p.id}`,
    type: 'Microsoft.BusinessAppPlatform/scopes/environments',
    location: p.location,
    name: p.id,
    properties: {
      tenantId: state.tenantId,
      azureRegion: p.azureRegion,
      displayName: p.displayName,
      createdTime: '2023-09-27T07:08:27.6057592Z',
      createdBy: { id: 'f99f844b-ce3b-49ae-86f3-e374ecae789c', displayName: 'SYSTEM', type: 'NotSpecified' },
      provisioningState: 'Succeeded',
      creationType: 'User',
      environmentSku: p.sku,
      isDefault: p.isDefault,
      capacity: [
        { capacityType: 'Database', actualConsumption: 885.0391, ratedConsumption: 1024.0, capacityUnit: 'MB', updatedOn: '2023-10-10T03:00:35Z' },
        { capacityType: 'FinOpsDatabase', actualConsumption: 0.0, ratedConsumption: 0.0, capacityUnit: 'MB', updatedOn: '2023-10-10T03:00:35Z' },
      ],
      addons: [],
      runtimeEndpoints: { 'microsoft.BusinessAppPlatform': 'https://unitedstates.api.bap.microsoft.com' },
      databaseType: p.dataverse ? 'CommonDataService' : 'None',
      ...(p.dataverse
        ? {
            linkedEnvironmentMetadata: {
              resourceId: `org-${p.dataverse.uniqueName}`,
              friendlyName: p.displayName,
              uniqueName: p.dataverse.uniqueName,
              domainName: p.dataverse.uniqueName,
              version: '9.2.23092.00206',
              // Real org URLs end with a slash.
              instanceUrl: `${dataverseUrl}/${p.dataverse.uniqueName}/`,
              instanceApiUrl: `${dataverseUrl}/${p.dataverse.uniqueName}`,
              baseLanguage: 1033,
              instanceState: p.dataverse.instanceState,
              backgroundOperationsState: 'Enabled',
              platformSku: 'Standard',
              schemaType: 'Standard',
            },
          }
        : {}),
      ...(p.linkedApp ? { linkedAppMetadata: { ...p.linkedApp } } : {}),
      ...(p.enforcement ? { lifecycleOperationsEnforcement: p.enforcement } : {}),
      states: {
        management: { id: p.managementState },
        runtime: { runtimeReasonCode: 'NotSpecified', requestedBy: { displayName: 'SYSTEM', type: 'NotSpecified' }, id: 'Enabled' },
      },
      updateCadence: { id: 'Moderate' },
      retentionDetails: { retentionPeriod: 'P7D', backupsAvailableFromDateTime: '2023-10-03T09:23:06.1717665Z' },
      governanceConfiguration: { protectionLevel: 'Basic' },
    },
  };
}

function renderOperation(operation: FakeOperation) {
  const reached = stageIndex(operation);
  const failed = operation.state === 'Failed';
  return {
    id: operation.id,
    links: {
      self: { path: `${PROVIDER}/lifecycleOperations/${operation.id}` },
      environment: { path: `${PROVIDER}/environments/${operation.environmentId}` },
    },
    type: { id: operation.type },
    typeDisplayName: operation.type,
    state: { id: operation.state },
    createdDateTime: operation.createdDateTime,
    lastActionDateTime: operation.lastActionDateTime,
    requestedBy: operation.requestedBy,
    stages: STAGES.map((name, index) => ({
      id: `${operation.id}-${index}`,
      name,
      state: { id: index < reached ? 'Succeeded' : index === reached ? (failed ? 'Failed' : operation.state === 'NotStarted' ? 'NotStarted' : 'Running') : 'NotStarted' },
      firstActionDateTime: index <= reached ? operation.createdDateTime : null,
      lastActionDateTime: index < reached ? operation.lastActionDateTime : null,
    })),
    ...(failed && operation.outcome.state === 'Failed' ? { error: { code: operation.outcome.code, message: operation.outcome.message } } : {}),
  };
}

export function createFakeBap(state: FakeTenantState, dataverseUrl: () => string, options: FakeBapOptions = { pageSize: 4 }): FakeHttpServer {
  const server = new FakeHttpServer('BAP');
  /** One page of `items` and the `nextLink` to the rest (same path and query, `$skiptoken` moved on). */
  const page = <T>(items: T[], request: FakeRequest) => {
    const skip = Number(request.query.get('$skiptoken') ?? '0');
    const query = new URLSearchParams(request.query);
    query.set('$skiptoken', String(skip + options.pageSize));
    const more = skip + options.pageSize < items.length;
    return { value: items.slice(skip, skip + options.pageSize), ...(more ? { nextLink: `${server.url}${request.path}?${query.toString()}` } : {}) };
  };
  const guard = (handler: (request: FakeRequest, match: RegExpExecArray) => FakeResponse) => (request: FakeRequest, match: RegExpExecArray) =>
    refuseToken(request, AUDIENCE, 'app', { error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' } }) ?? handler(request, match);
  const environment = (id: string) => state.ppEnvironments.get(id);
  const notFound = (id: string) => error(404, 'EnvironmentNotFound', `Could not find environment '${id}'.`);
  const followUp = (operation: FakeOperation, header: 'Location' | 'Operation-Location'): FakeResponse => ({
    status: 202,
    headers: { [header]: `${server.url}${PROVIDER}/lifecycleOperations/${operation.id}?api-version=2023-06-01`, 'Retry-After': '0' },
  });
  const startOn = (id: string, type: string, header: 'Location' | 'Operation-Location'): FakeResponse => {
    if (!environment(id)) return notFound(id);
    if (isBusy(state, id)) return error(409, 'OperationNotStartable', `Cannot start ${type}: there is an active lifecycle operation on the environment ${id}.`);
    const free = state.capacity.Database.total - state.capacity.Database.actual;
    if (type === 'Copy' && free < 1024) {
      return error(400, 'InsufficientCapacity_StorageDriven', `The tenant needs at least 1 GB of database capacity to copy; ${Math.round(free)} MB is available.`);
    }
    return followUp(startOperation(state, id, type, ''), header);
  };
  const renderBackup = (backup: FakeBackup) => ({ id: backup.id, label: backup.label, backupPointDateTime: backup.backupPointDateTime, notes: '' });

  server
    .route('GET', new RegExp(`^${PROVIDER}/scopes/admin/environments$`), guard((request) => {
      if (!request.query.get('$expand')?.includes('properties.capacity')) return error(400, 'InvalidExpand', 'expected $expand=properties.capacity');
      return { status: 200, body: page([...state.ppEnvironments.values()].map((e) => renderEnvironment(state, e, dataverseUrl())), request) };
    }), ENVIRONMENT_VERSIONS)
    .route('GET', new RegExp(`^${PROVIDER}/scopes/admin/environments/([^/]+)$`), guard((_request, [, id]) => {
      const found = environment(id!);
      return found ? { status: 200, body: renderEnvironment(state, found, dataverseUrl()) } : notFound(id!);
    }), ENVIRONMENT_VERSIONS)
    .route('POST', new RegExp(`^${PROVIDER}/listTenantSettings$`), guard(() => ({
      status: 200,
      body: {
        ...state.settings,
        disableTrialEnvironmentCreationByNonAdminUsers: false,
        disableCapacityAllocationByEnvironmentAdmins: false,
        powerPlatform: { governance: { disableDeveloperEnvironmentCreationByNonAdminUsers: false } },
      },
    })), SETTINGS_VERSIONS)
    .route('GET', new RegExp(`^${PROVIDER}/locations/([^/]+)/templates$`), guard((_request, [, location]) => {
      const templates = ALL_TEMPLATES.map((name) => {
        const entitled = state.entitledTemplates.has(name);
        return {
          id: `${PROVIDER}/locations/${location}/environmentTemplates/${name}`,
          name,
          location,
          properties: {
            displayName: name.replace(/^D365_/, ''),
            isDisabled: !entitled,
            ...(entitled ? {} : { disabledReason: { code: 'DynamicsEntitlementMissing', message: `You do not have the required Dynamics 365 licenses to create databases with the '${name}' Dynamics app.` } }),
            isCustomerEngagement: true,
            isSupportedForResetOperation: true,
          },
        };
      });
      return { status: 200, body: { standard: [], premium: [], developer: [], basic: [], production: templates, sandbox: templates, trial: [], default: [], support: [], subscriptionBasedTrial: [], teams: [], platform: [] } };
    }), TEMPLATE_VERSIONS)
    .route('GET', new RegExp(`^${PROVIDER}/lifecycleOperations$`), guard((request) => {
      const id = /^environment eq '([^']+)'$/.exec(request.query.get('$filter') ?? '')?.[1];
      if (!id) return error(400, 'InvalidFilter', "expected $filter=environment eq '<id>'");
      const list = state.operations.filter((o) => o.environmentId === id).sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
      return { status: 200, body: page(list.map((o) => renderOperation(o)), request) };
    }), LIFECYCLE_VERSIONS)
    .route('GET', new RegExp(`^${PROVIDER}/lifecycleOperations/([^/]+)$`), guard((_request, [, id]) => {
      const operation = state.operations.find((o) => o.id === id);
      if (!operation) return error(404, 'LifecycleOperationNotFound', `Lifecycle operation '${id}' was not found.`);
      advance(state, operation);
      const done = operation.state === 'Succeeded' || operation.state === 'Failed';
      return { status: done ? 200 : 202, headers: done ? {} : { 'Retry-After': '0' }, body: renderOperation(operation) };
    }), LIFECYCLE_VERSIONS)
    .route('POST', new RegExp(`^${PROVIDER}/environments/([^/]+)/backups$`), guard((request, [, id]) => {
      if (typeof request.body?.label !== 'string' || request.body.label.trim() === '') return error(400, 'InvalidRequestBody', 'A backup needs a label.');
      const started = startOn(id!, 'Backup', 'Location');
      if (started.status === 202) {
        state.backups.push({ environmentId: id!, id: randomUUID(), label: String(request.body?.label ?? ''), backupPointDateTime: state.now().toISOString() });
      }
      return started;
    }), BACKUP_VERSIONS)
    .route('GET', new RegExp(`^${PROVIDER}/environments/([^/]+)/backups$`), guard((_request, [, id]) => {
      if (!environment(id!)) return notFound(id!);
      return { status: 200, body: { value: state.backups.filter((b) => b.environmentId === id).map(renderBackup) } };
    }), BACKUP_VERSIONS)
    .route('POST', new RegExp(`^${PROVIDER}/environments/([^/]+)/restoreTo$`), guard((request, [, id]) => {
      if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(String(request.body?.RestorePointDateTime))) {
        return error(400, 'InvalidRestorePoint', 'RestorePointDateTime must be yyyy-MM-dd HH:mm:ss.');
      }
      if (!environment(String(request.body?.SourceEnvironmentId))) return notFound(String(request.body?.SourceEnvironmentId));
      return startOn(id!, 'Restore', 'Operation-Location');
    }), RESTORE_COPY_VERSIONS)
    .route('POST', new RegExp(`^${PROVIDER}/environments/([^/]+)/copyTo$`), guard((request, [, id]) => {
      if (!BAP_COPY_TYPES.includes(String(request.body?.copyType))) return error(400, 'InvalidCopyType', `copyType must be one of ${BAP_COPY_TYPES.join(', ')}.`);
      if (!environment(String(request.body?.sourceEnvironmentId))) return notFound(String(request.body?.sourceEnvironmentId));
      return startOn(id!, 'Copy', 'Operation-Location');
    }), RESTORE_COPY_VERSIONS);
  return server;
}
