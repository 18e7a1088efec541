/**
 * True when `url` is on the service's own host or a regional sub-host of it
 * (`europe.api.bap.microsoft.com` for `api.bap.microsoft.com`), over the same protocol: the only
 * places a request carrying the service's token may go.
 */
export function sameServiceUrl(url: string, serviceUrl: string): boolean {
  const base = new URL(serviceUrl);
  const target = new URL(url, base);
  return target.protocol === base.protocol && (target.host === base.host || target.hostname.endsWith(`.${base.hostname}`));
}

/**
 * The URL a 202 says to poll (`Location` or `Operation-Location`), or null when there is none — or
 * when it points off the service's host: the poll would carry the token there, so such an operation
 * is found through the service's own list instead.
 */
export function followUpUrl(headers: Headers, serviceUrl: string): string | null {
  const raw = headers.get('operation-location') ?? headers.get('location');
  if (!raw) return null;
  const url = new URL(raw, serviceUrl).toString();
  return sameServiceUrl(url, serviceUrl) ? url : null;
}
