import { FakeHttpServer, type FakeResponse } from './fakeHttpServer';
import { issueToken } from './fakeTokens';

// The Entra token endpoint (v2) for one tenant: client credentials with the registered secret (or a
// signed client assertion), and on-behalf-of exchanges of a Teams SSO token. It counts the tokens it
// issues per scope, so tests can see MSAL's cache at work.

export interface FakeAuthorityOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Lifetime of the tokens it issues. */
  expiresInSeconds: number;
}

function refusal(status: number, error: string, description: string): FakeResponse {
  return { status, body: { error, error_description: `${description}\r\nTrace ID: fake\r\nTimestamp: 2025-06-02 09:00:00Z`, error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)] } };
}

export function createFakeAuthority(options: FakeAuthorityOptions): FakeHttpServer & { issued: Map<string, number> } {
  const server = Object.assign(new FakeHttpServer('Entra ID'), { issued: new Map<string, number>() });
  let serial = 0;
  server.route('POST', new RegExp(`^/${options.tenantId}/oauth2/v2\\.0/token$`), (request) => {
    const form = new URLSearchParams(request.rawBody);
    if (form.get('client_id') !== options.clientId) return refusal(400, 'unauthorized_client', `AADSTS700016: Application with identifier '${form.get('client_id')}' was not found.`);
    const secretOk = form.get('client_secret') === options.clientSecret;
    const assertionOk = form.get('client_assertion_type') === 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' && !!form.get('client_assertion');
    if (!secretOk && !assertionOk) return refusal(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
    const scope = (form.get('scope') ?? '').split(' ').find((s) => s.endsWith('/.default')) ?? '';
    const aud = scope.replace(/\/\.default$/, '');
    let claims;
    if (form.get('grant_type') === 'client_credentials') {
      claims = { aud, kind: 'app' as const, sub: options.clientId, n: ++serial };
    } else if (form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && form.get('requested_token_use') === 'on_behalf_of') {
      const objectId = /^fake-sso\.([0-9a-f-]+)$/.exec(form.get('assertion') ?? '')?.[1];
      if (!objectId) return refusal(400, 'invalid_grant', 'AADSTS50013: Assertion failed signature validation.');
      claims = { aud, kind: 'user' as const, sub: objectId, n: ++serial };
    } else {
      return refusal(400, 'unsupported_grant_type', 'AADSTS70003: The app requested an unsupported grant type.');
    }
    server.issued.set(scope, (server.issued.get(scope) ?? 0) + 1);
    return {
      status: 200,
      body: { token_type: 'Bearer', scope, expires_in: options.expiresInSeconds, ext_expires_in: options.expiresInSeconds, access_token: issueToken(claims) },
    };
  });
  return server;
}
