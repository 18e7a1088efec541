import { LifecycleError } from '../../../domain/ports/lifecyclePort';

/**
 * The URL a 202 says to poll (`Location` or `Operation-Location`), accepted only on the service's own
 * host or a regional sub-host of it (`europe.api.bap.microsoft.com` for `api.bap.microsoft.com`):
 * the poll carries the service's token, which must not be sent anywhere a header could point.
 */
export function followUpUrl(headers: Headers, serviceUrl: string, service: string): string | null {
  const raw = headers.get('operation-location') ?? headers.get('location');
  if (!raw) return null;
  const base = new URL(serviceUrl);
  const url = new URL(raw, base);
  const trusted = url.protocol === base.protocol && (url.host === base.host || url.hostname.endsWith(`.${base.hostname}`));
  if (!trusted) {
    throw new LifecycleError('Unavailable', `${service} pointed to ${url.origin} to follow the operation, which is not its own host; not following it.`);
  }
  return url.toString();
}
