import { FakeHttpServer, type FakeRequest, type FakeResponse } from './fakeHttpServer';
import { refuseToken } from './fakeTokens';
import { advance, isBusy, stageIndex, startOperation, type FakeOperation, type FakeTenantState } from './fakeTenant';

// The Power Platform API (docs/sources.md, API §4): tenant capacity, and environmentmanagement backups
// (201), restore with ValidateOnly, copy (202 + Operation-Location and the operation id in the
// body), and OperationExecutionResult with stageStatuses and errorDetail. Errors use `errorDetail`.

const AUDIENCE = 'https://api.powerplatform.com';
/** The api-versions these paths serve (Learn: Power Platform API reference); any other is 404. */
const CAPACITY_VERSIONS = ['2022-03-01-preview'];
const ENVIRONMENT_MANAGEMENT_VERSIONS = ['2024-10-01'];
const STAGES = ['Validate', 'Prepare', 'Run', 'Finalize'];
/** How PP API statuses read for a fake operation's BAP-style state. */
const STATUS_BY_STATE: Record<string, string> = { NotStarted: 'Queued', Running: 'InProgress', Succeeded: 'Succeeded', Failed: 'Failed' };

function errorDetail(status: number, code: string, fieldErrors: Record<string, string[]> = {}): FakeResponse {
  return {
    status,
    body: { errorDetail: { code, fieldErrors: Object.fromEntries(Object.entries(fieldErrors).map(([f, m]) => [f, { errorMessages: m, suggestedValue: null }])) } },
  };
}

function renderExecutionResult(state: FakeTenantState, operation: FakeOperation) {
  const reached = stageIndex(operation);
  const failed = operation.state === 'Failed';
  const detail = failed && operation.outcome.state === 'Failed' ? { code: operation.outcome.code, fieldErrors: {} } : null;
  return {
    operationId: operation.id,
    name: operation.type,
    status: STATUS_BY_STATE[operation.state] ?? operation.state,
    startTime: operation.createdDateTime,
    endTime: operation.state === 'Succeeded' || failed ? operation.lastActionDateTime : null,
    requestedBy: { userId: operation.requestedBy.id, displayName: operation.requestedBy.displayName, type: operation.requestedBy.type, tenantId: state.tenantId },
    errorDetail: detail,
    stageStatuses: STAGES.map((name, index) => ({
      name,
      status: index < reached ? 'Succeeded' : index === reached ? (failed ? 'Failed' : operation.state === 'NotStarted' ? 'NotStarted' : 'InProgress') : 'NotStarted',
      startTime: index <= reached ? operation.createdDateTime : null,
      endTime: index < reached ? operation.lastActionDateTime : null,
      errorDetail: failed && index === reached ? detail : null,
    })),
    updatedEnvironment: null,
  };
}

export function createFakePowerPlatformApi(state: FakeTenantState): FakeHttpServer {
  const server = new FakeHttpServer('Power Platform API');
  const guard = (handler: (request: FakeRequest, match: RegExpExecArray) => FakeResponse) => (request: FakeRequest, match: RegExpExecArray) =>
    refuseToken(request, AUDIENCE, 'app', { errorDetail: { code: 'Unauthorized', fieldErrors: {} } }) ?? handler(request, match);
  const notFound = (id: string) => errorDetail(404, 'EnvironmentNotFound', { environmentId: [`No environment ${id}`] });
  const accepted = (operation: FakeOperation): FakeResponse => ({
    status: 202,
    headers: { 'Operation-Location': `${server.url}/environmentmanagement/operations/${operation.id}?api-version=2024-10-01` },
    body: { operationId: operation.id },
  });

  server
    .route('GET', /^\/licensing\/tenantCapacity$/, guard(() => ({
      status: 200,
      body: {
        tenantId: state.tenantId,
        licenseModelType: 'StorageDriven',
        capacitySummary: { status: 'Available', statusMessageCode: 'AllCapacityAvailable', finOpsStatus: 'None', finOpsStatusMessageCode: 'FinOpsNotAvailable' },
        tenantCapacities: [
          ...Object.entries(state.capacity).map(([capacityType, c]) => ({
            capacityType,
            capacityUnits: 'MB',
            totalCapacity: c.total,
            maxCapacity: 0,
            consumption: { actual: c.actual, rated: c.actual * 0.9, actualUpdatedOn: '2025-06-01T00:00:00Z', ratedUpdatedOn: '2025-06-01T00:00:00Z' },
            status: 'Available',
            overflowCapacity: [],
            capacityEntitlements: [],
          })),
          { capacityType: 'SomethingNew', capacityUnits: 'Unit', totalCapacity: 1, status: 'Available' },
        ],
      },
    })), CAPACITY_VERSIONS)
    .route('POST', /^\/environmentmanagement\/environments\/([^/]+)\/backups$/, guard((request, [, id]) => {
      const environment = state.ppEnvironments.get(id!);
      if (!environment) return notFound(id!);
      if (typeof request.body?.label !== 'string' || request.body.label.trim() === '') return errorDetail(400, 'ValidationFailed', { label: ['A backup needs a label.'] });
      if (isBusy(state, id!)) return errorDetail(409, 'OperationNotStartable');
      const at = state.now().toISOString();
      return {
        status: 201,
        body: { id: `backup-${state.operations.length + 1}`, label: request.body?.label, backupPointDateTime: at, backupExpiryDateTime: null, createdBy: { userId: '', displayName: 'PPI Assistant', type: 'ServicePrincipal', tenantId: state.tenantId } },
      };
    }), ENVIRONMENT_MANAGEMENT_VERSIONS)
    .route('POST', /^\/environmentmanagement\/environments\/([^/]+)\/(restore|copy)$/, guard((request, [, id, action]) => {
      if (!state.ppEnvironments.get(id!)) return notFound(id!);
      const source = state.ppEnvironments.get(String(request.body?.sourceEnvironmentId));
      const problems: Record<string, string[]> = {};
      if (!source?.dataverse) problems.sourceEnvironmentId = ['The source environment has no Dataverse database.'];
      // CopyType is an enumeration of Minimal and Full (Learn: Environment Copy - Copy Environment).
      if (action === 'copy' && !['Minimal', 'Full'].includes(String(request.body?.copyType))) problems.copyType = ['Expected Minimal or Full.'];
      if (action === 'restore' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(String(request.body?.restorePointDateTime))) {
        problems.restorePointDateTime = ['Expected RFC 3339 with an offset.'];
      }
      // ValidateOnly as Learn documents it: 202 when the request would start, 400 ValidationResponse when not.
      if (request.query.get('ValidateOnly') === 'true') return Object.keys(problems).length ? errorDetail(400, 'ValidationFailed', problems) : { status: 202 };
      if (Object.keys(problems).length) return errorDetail(400, 'ValidationFailed', problems);
      if (isBusy(state, id!)) return errorDetail(409, 'OperationNotStartable');
      return accepted(startOperation(state, id!, action === 'restore' ? 'Restore' : 'Copy', ''));
    }), ENVIRONMENT_MANAGEMENT_VERSIONS)
    // Page shape: fixtures/sources/ppEnvironmentOperations.json.
    .route('GET', /^\/environmentmanagement\/environments\/([^/]+)\/operations$/, guard((_request, [, id]) => {
      if (!state.ppEnvironments.get(id!)) return notFound(id!);
      const list = state.operations.filter((o) => o.environmentId === id).sort((a, b) => b.createdDateTime.localeCompare(a.createdDateTime));
      return { status: 200, body: { collection: list.map((o) => renderExecutionResult(state, o)), continuationToken: null } };
    }), ENVIRONMENT_MANAGEMENT_VERSIONS)
    .route('GET', /^\/environmentmanagement\/operations\/([^/]+)$/, guard((_request, [, id]) => {
      const operation = state.operations.find((o) => o.id === id);
      if (!operation) return errorDetail(404, 'OperationNotFound');
      advance(state, operation);
      return { status: 200, body: renderExecutionResult(state, operation) };
    }), ENVIRONMENT_MANAGEMENT_VERSIONS);
  return server;
}
