import { FakeHttpServer, type FakeRequest, type FakeResponse } from './fakeHttpServer';
import { refuseToken } from './fakeTokens';
import type { FakeTenantState } from './fakeTenant';

// Microsoft Graph v1.0 (docs/sources.md, API §6): users, directory role assignments (one per page, so
// `@odata.nextLink` paging is exercised), licence details and the organization.

const AUDIENCE = 'https://graph.microsoft.com';

function error(status: number, code: string, message: string): FakeResponse {
  return { status, body: { error: { code, message, innerError: { date: '2025-06-02T09:00:00', 'request-id': 'fake' } } } };
}

export function createFakeGraph(state: FakeTenantState): FakeHttpServer {
  const server = new FakeHttpServer('Graph');
  const guard = (handler: (request: FakeRequest, match: RegExpExecArray) => FakeResponse) => (request: FakeRequest, match: RegExpExecArray) =>
    refuseToken(request, AUDIENCE, 'app', { error: { code: 'InvalidAuthenticationToken', message: 'Access token validation failure.' } }) ?? handler(request, match);
  const missing = (id: string) => error(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

  server
    .route('GET', /^\/v1\.0\/users$/, guard((request) => {
      const top = Number(request.query.get('$top') ?? '100');
      return { status: 200, body: { value: [...state.users.values()].slice(0, top).map((u) => ({ id: u.objectId })) } };
    }))
    .route('GET', /^\/v1\.0\/users\/([^/]+)$/, guard((_request, [, id]) => {
      const user = state.users.get(id!);
      return user ? { status: 200, body: { '@odata.context': `${server.url}/v1.0/$metadata#users`, id: user.objectId, displayName: user.displayName, userPrincipalName: user.userPrincipalName } } : missing(id!);
    }))
    .route('GET', /^\/v1\.0\/roleManagement\/directory\/roleAssignments$/, guard((request) => {
      const principalId = /^principalId eq '([^']+)'$/.exec(request.query.get('$filter') ?? '')?.[1] ?? '';
      const held = state.users.get(principalId)?.roleTemplateIds ?? state.groups.find((g) => g.id === principalId && g.isAssignableToRole)?.roleTemplateIds ?? [];
      const assignments = held.map((roleDefinitionId, index) => ({
        id: `assignment-${index}`,
        principalId,
        roleDefinitionId,
        directoryScopeId: '/',
      }));
      const skip = Number(request.query.get('$skiptoken') ?? '0');
      const next = skip + 1 < assignments.length ? `${server.url}/v1.0/roleManagement/directory/roleAssignments?$filter=${encodeURIComponent(request.query.get('$filter')!)}&$skiptoken=${skip + 1}` : undefined;
      return { status: 200, body: { value: assignments.slice(skip, skip + 1), ...(next ? { '@odata.nextLink': next } : {}) } };
    }))
    .route('GET', /^\/v1\.0\/users\/([^/]+)\/memberOf\/microsoft\.graph\.group$/, guard((_request, [, id]) => {
      if (!state.users.get(id!)) return missing(id!);
      const groups = state.groups.filter((g) => g.members.includes(id!));
      return { status: 200, body: { value: groups.map((g) => ({ '@odata.type': '#microsoft.graph.group', id: g.id, isAssignableToRole: g.isAssignableToRole })) } };
    }))
    .route('GET', /^\/v1\.0\/users\/([^/]+)\/licenseDetails$/, guard((_request, [, id]) => {
      const user = state.users.get(id!);
      if (!user) return missing(id!);
      return { status: 200, body: { value: user.skuPartNumbers.map((skuPartNumber, index) => ({ id: `license-${index}`, skuId: `sku-${index}`, skuPartNumber, servicePlans: [] })) } };
    }))
    .route('GET', /^\/v1\.0\/organization$/, guard(() => {
      if (!state.organizationReadable) return error(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
      return { status: 200, body: { value: [{ id: state.tenantId, displayName: state.displayName, countryLetterCode: state.countryLetterCode, verifiedDomains: [] }] } };
    }));
  return server;
}
