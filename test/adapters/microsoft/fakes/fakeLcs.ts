import { randomUUID } from 'node:crypto';
import { FakeHttpServer, type FakeRequest, type FakeResponse } from './fakeHttpServer';
import { claimsOf } from './fakeTokens';
import type { FakeLcsActivity, FakeTenantState } from './fakeTenant';

// The LCS API (docs/sources.md, API §5): delegated tokens only, `x-ms-version` required, HTTP 200 with
// the IsSuccess / OperationActivityId / ErrorMessage envelope (failures included), paged metadata
// and history, database export and refresh (3 per environment per 24 h: "Maximum allowed API
// operations are 3 from …"), fetchstatus with OperationStatus, and 429 past 6 metadata calls per
// project per minute.

const VERSION_EOL = '9999-12-31T23:59:59.9999999';
const DAY_MS = 24 * 60 * 60_000;

export interface FakeLcsOptions {
  /** Environments per metadata page (small, so paging is exercised). */
  pageSize: number;
}

function envelope(payload: Record<string, unknown> = {}, failure?: string): FakeResponse {
  return { status: 200, body: { IsSuccess: !failure, OperationActivityId: randomUUID(), ErrorMessage: failure ?? null, VersionEOL: VERSION_EOL, ...payload } };
}

export function createFakeLcs(state: FakeTenantState, options: FakeLcsOptions = { pageSize: 4 }): FakeHttpServer {
  const server = new FakeHttpServer('LCS');
  const metadataCalls = new Map<string, number[]>();

  const guard = (handler: (request: FakeRequest, match: RegExpExecArray, objectId: string) => FakeResponse) => (request: FakeRequest, match: RegExpExecArray) => {
    const claims = claimsOf(request);
    // The token's resource is the regional host itself (d365fo.tools' Get-D365LcsApiToken asks for LcsApiUri).
    if (!claims || claims.aud !== server.url || claims.kind !== 'user') return { status: 401, headers: { 'www-authenticate': 'Bearer' } };
    if (request.headers['x-ms-version'] !== '2017-09-15') return envelope({}, 'The x-ms-version header is missing or not supported.');
    const projectId = /\/project\/(\d+)/.exec(request.path)?.[1] ?? '';
    if (!state.users.get(claims.sub)?.lcsProjects.includes(projectId)) {
      return envelope({}, `User does not have access to project ${projectId}; only project owners and environment managers may use the API.`);
    }
    return handler(request, match, claims.sub);
  };
  const page = <T>(items: T[], request: FakeRequest, size: number) => {
    const number = Math.max(1, Number(request.query.get('page') ?? '1'));
    return envelope({ Data: items.slice((number - 1) * size, number * size), ResultPageCurrent: number, ResultHasMorePages: number * size < items.length });
  };
  const startActivity = (projectId: string, environmentId: string, type: FakeLcsActivity['type']): FakeResponse => {
    const now = state.now().getTime();
    const recent = state.lcsActivities.filter((a) => a.environmentId === environmentId && now - Date.parse(a.startedAt) < DAY_MS);
    if (recent.length >= 3) return envelope({}, `Maximum allowed API operations are 3 from ${recent[0]!.startedAt}`);
    const activity: FakeLcsActivity = {
      activityId: randomUUID(),
      projectId,
      environmentId,
      type,
      startedAt: new Date(now).toISOString(),
      statuses: ['NotStarted', 'InProgress', 'Completed'],
      completedAt: null,
    };
    state.lcsActivities.push(activity);
    state.lcsHistory.unshift({
      Name: type === 'DatabaseExport' ? 'Export database' : 'Refresh database',
      Type: type,
      TypeDisplay: type === 'DatabaseExport' ? 'Database export' : 'Database refresh',
      StartDateTimeUtc: activity.startedAt,
      EndDateTimeUtc: null,
      Status: 'InProgress',
      ActivityId: activity.activityId,
      EnvironmentId: environmentId,
      ProjectId: projectId,
    });
    return { status: 200, body: { IsSuccess: true, OperationActivityId: activity.activityId, ErrorMessage: null, VersionEOL: VERSION_EOL } };
  };
  const inProject = (projectId: string, environmentId: string) => state.lcsEnvironments.find((e) => e.projectId === projectId && e.id === environmentId);

  server
    .route('GET', /^\/environmentinfo\/v1\/detail\/project\/(\d+)\/?$/, guard((request, [, projectId]) => {
      const now = state.now().getTime();
      const calls = (metadataCalls.get(projectId!) ?? []).filter((t) => now - t < 60_000);
      if (calls.length >= 6) return { status: 429, headers: { 'Retry-After': String(Math.ceil((calls[0]! + 60_000 - now) / 1000)) } };
      metadataCalls.set(projectId!, [...calls, now]);
      const environments = state.lcsEnvironments.filter((e) => e.projectId === projectId);
      return page(
        environments.map((e) => ({
          EnvironmentId: e.id,
          EnvironmentName: e.name,
          ProjectId: Number(e.projectId),
          EnvironmentInfrastructure: e.infrastructure,
          EnvironmentType: e.environmentType,
          EnvironmentGroup: 'Primary',
          EnvironmentEndpointBaseUrl: `${e.url}/`,
          DeploymentState: 'Finished',
          DeploymentStatusDisplay: e.deploymentStatus,
          CurrentApplicationBuildVersion: e.applicationVersion,
          CurrentApplicationReleaseName: '10.0.44',
          CurrentPlatformVersion: e.platformVersion,
          CurrentPlatformReleaseName: 'Update68',
          DeployedOnUTC: '2024-01-10T10:00:00Z',
          CloudStorageLocation: e.cloudStorageLocation,
          DisasterRecoveryLocation: 'East US',
          CanStart: false,
          CanStop: true,
          DatabaseDailyBackupsEnabled: true,
        })),
        request,
        options.pageSize,
      );
    }))
    .route('GET', /^\/environmentinfo\/v1\/history\/project\/(\d+)\/environment\/([^/]+)\/?$/, guard((request, [, , environmentId]) =>
      page(state.lcsHistory.filter((h) => h.EnvironmentId === environmentId), request, 5),
    ))
    .route('POST', /^\/databasemovement\/v1\/refresh\/project\/(\d+)\/source\/([^/]+)\/target\/([^/]+)$/, guard((_request, [, projectId, source, target]) => {
      if (!inProject(projectId!, source!) || !inProject(projectId!, target!)) return envelope({}, 'Environment not found in the project.');
      return startActivity(projectId!, target!, 'DatabaseRefresh');
    }))
    .route('POST', /^\/databasemovement\/v1\/export\/project\/(\d+)\/environment\/([^/]+)\/backupName\/([^/]+)$/, guard((_request, [, projectId, environmentId]) => {
      if (!inProject(projectId!, environmentId!)) return envelope({}, 'Environment not found in the project.');
      return startActivity(projectId!, environmentId!, 'DatabaseExport');
    }))
    .route('GET', /^\/databasemovement\/v1\/fetchstatus\/project\/(\d+)\/environment\/([^/]+)\/operationactivity\/([^/]+)$/, guard((_request, [, projectId, environmentId, activityId]) => {
      const activity = state.lcsActivities.find((a) => a.activityId === activityId && a.environmentId === environmentId);
      if (!activity) return envelope({}, `No operation activity ${activityId}.`);
      const status = activity.statuses.length > 1 ? activity.statuses.shift()! : activity.statuses[0]!;
      if (['Completed', 'Failed', 'SignedOff'].includes(status)) activity.completedAt ??= state.now().toISOString();
      return envelope({ ProjectId: Number(projectId), EnvironmentId: environmentId, ActivityId: activityId, CompletionDate: activity.completedAt, OperationStatus: status });
    }));
  return server;
}
