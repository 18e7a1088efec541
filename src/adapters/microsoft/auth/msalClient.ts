import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfidentialClientApplication } from '@azure/msal-node';
import type { MicrosoftConfig } from '../microsoftConfig';
import { FetchNetworkClient } from './fetchNetworkClient';

// The confidential client for the adapter's app registration, with a client secret or a
// certificate. The authority's endpoints are given to MSAL up front (authorityMetadata and
// cloudDiscoveryMetadata for the configured host), so it never fetches instance discovery or OpenID
// metadata: one less dependency at start-up, and tests can answer token requests from a loopback
// authority without MSAL reaching for login.microsoftonline.com.

function authorityOptions(authorityHost: string, tenantId: string) {
  const host = new URL(authorityHost).host;
  const base = `${authorityHost}/${tenantId}`;
  return {
    // MSAL insists on an https authority; the endpoints it actually calls are the ones below.
    authority: `https://${host}/${tenantId}`,
    knownAuthorities: [host],
    authorityMetadata: JSON.stringify({
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      issuer: `${base}/v2.0`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
    }),
    cloudDiscoveryMetadata: JSON.stringify({
      tenant_discovery_endpoint: `${base}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    }),
  };
}

/** A PEM file holding the private key and the certificate, as uploaded to the app registration. */
function certificateCredential(pemPath: string) {
  const pem = readFileSync(pemPath, 'utf8');
  const certificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)?.[0];
  const privateKey = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(pem)?.[0];
  if (!certificate || !privateKey) {
    throw new Error(`MICROSOFT_CLIENT_CERTIFICATE_PATH: ${pemPath} must hold both the private key and the certificate (PEM).`);
  }
  return {
    thumbprintSha256: new X509Certificate(certificate).fingerprint256.replace(/:/g, ''),
    privateKey,
    x5c: certificate,
  };
}

export function createMsalClient(config: MicrosoftConfig): ConfidentialClientApplication {
  const credential =
    config.credential.kind === 'secret'
      ? { clientSecret: config.credential.secret }
      : { clientCertificate: certificateCredential(config.credential.pemPath) };
  return new ConfidentialClientApplication({
    auth: { clientId: config.clientId, ...credential, ...authorityOptions(config.authorityHost, config.tenantId) },
    system: { networkClient: new FetchNetworkClient(config.http.timeoutMs) },
  });
}
