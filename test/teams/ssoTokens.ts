// Sign-in tokens shaped like Entra's (header.payload.signature, base64url JSON), unsigned: the bot
// reads their claims and never verifies them itself, and nothing in these tests sends them to Entra.

export const APP_CLIENT_ID = '7f3c2b1a-9d8e-4f6a-8b5c-2e1d0c9b8a7f';
export const APP_RESOURCE = `api://botid-${APP_CLIENT_ID}`;

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A Teams SSO token for `oid`, issued to this app, valid until `expiresAt`. */
export function ssoToken(oid: string, expiresAt: Date, aud: string = APP_CLIENT_ID, marker = 'sig'): string {
  return [part({ alg: 'RS256', typ: 'JWT' }), part({ aud, oid, exp: Math.floor(expiresAt.getTime() / 1000), name: 'test' }), `${marker}-${oid}`].join('.');
}
