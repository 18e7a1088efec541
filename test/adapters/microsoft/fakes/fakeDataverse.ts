import { FakeHttpServer, type FakeRequest, type FakeResponse } from './fakeHttpServer';
import { claimsOf } from './fakeTokens';
import type { FakePpEnvironment, FakeTenantState } from './fakeTenant';

// The Dataverse Web API of every fake environment, each under /{uniqueName}/ on one server
// (docs/sources.md, API §2): RetrieveFinanceAndOperationsIntegrationDetails (200 with Url/TenantId/Id,
// or 400 0x80048d0b), systemusers by Entra object id and their systemuserroles_association. Tokens
// must be for this server's origin, the scope an org's own URL gives.

function error(status: number, code: string, message: string): FakeResponse {
  return { status, body: { error: { code, message } } };
}

export function createFakeDataverse(state: FakeTenantState): FakeHttpServer {
  const server = new FakeHttpServer('Dataverse');
  const org = (request: FakeRequest, uniqueName: string, handler: (environment: FakePpEnvironment) => FakeResponse): FakeResponse => {
    const claims = claimsOf(request);
    if (!claims || claims.aud !== server.url || claims.kind !== 'app') return { status: 401, headers: { 'www-authenticate': 'Bearer' } };
    const environment = [...state.ppEnvironments.values()].find((e) => e.dataverse?.uniqueName === uniqueName);
    if (!environment) return error(404, '0x8006088a', `Resource not found for the segment '${uniqueName}'.`);
    if (!environment.appUser) return error(403, '0x80072560', 'The user is not a member of the organization.');
    if (request.headers['odata-version'] !== '4.0' || request.headers['odata-maxversion'] !== '4.0') {
      return error(400, '0x80060888', 'OData-Version and OData-MaxVersion 4.0 are expected.');
    }
    return handler(environment);
  };

  server
    .route('GET', /^\/([^/]+)\/api\/data\/v9\.[012]\/RetrieveFinanceAndOperationsIntegrationDetails$/, (request, [, name]) =>
      org(request, name!, (environment) => {
        if (!environment.integratedWith) return error(400, '0x80048d0b', "Dataverse instance isn't integrated with finance and operations.");
        const fno = state.lcsEnvironments.find((e) => e.id === environment.integratedWith);
        return {
          status: 200,
          body: {
            '@odata.context': `${server.url}/${name}/api/data/v9.1/$metadata#Microsoft.Dynamics.CRM.RetrieveFinanceAndOperationsIntegrationDetailsResponse`,
            Url: fno?.url ?? 'https://unknown.operations.dynamics.com',
            TenantId: state.tenantId,
            Id: environment.integratedWith,
          },
        };
      }),
    )
    .route('GET', /^\/([^/]+)\/api\/data\/v9\.2\/systemusers$/, (request, [, name]) =>
      org(request, name!, (environment) => {
        const objectId = /^azureactivedirectoryobjectid eq ([0-9a-f-]+)$/i.exec(request.query.get('$filter') ?? '')?.[1];
        const user = objectId ? state.users.get(objectId) : undefined;
        const member = user && (user.dataverseRoles.has(environment.id) || environment.isDefault);
        return { status: 200, body: { value: member ? [{ systemuserid: `su-${user.objectId}`, isdisabled: false }] : [] } };
      }),
    )
    .route('GET', /^\/([^/]+)\/api\/data\/v9\.2\/systemusers\(su-([^)]+)\)\/systemuserroles_association$/, (request, [, name, objectId]) =>
      org(request, name!, (environment) => {
        const roles = state.users.get(objectId!)?.dataverseRoles.get(environment.id) ?? [];
        return {
          status: 200,
          body: { value: roles.map((role, index) => ({ name: role.name, roleid: `role-${index}`, _roletemplateid_value: role.templateId })) },
        };
      }),
    )
    .route('GET', /^\/([^/]+)\/api\/data\/v9\.2\/systemusers\(su-([^)]+)\)\/teammembership_association$/, (request, [, name, objectId]) =>
      org(request, name!, (environment) => ({ status: 200, body: { value: environment.teams.filter((t) => t.members.includes(objectId!)).map((t) => ({ teamid: t.id })) } })),
    )
    .route('GET', /^\/([^/]+)\/api\/data\/v9\.2\/teams\(([^)]+)\)\/teamroles_association$/, (request, [, name, teamId]) =>
      org(request, name!, (environment) => {
        const team = environment.teams.find((t) => t.id === teamId);
        if (!team) return error(404, '0x80040217', `team With Id = ${teamId} Does Not Exist`);
        return { status: 200, body: { value: team.roles.map((role, index) => ({ name: role.name, roleid: `team-role-${index}`, _roletemplateid_value: role.templateId })) } };
      }),
    );
  return server;
}
