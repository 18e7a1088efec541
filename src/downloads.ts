import { randomBytes, timingSafeEqual } from 'node:crypto';

// Files people download from the bot (readiness reports, support hand-off bundles). Each stored
// file carries an unguessable token that is part of its link; the HTTP edge serves it by kind.

export type DownloadFormat = 'md' | 'json' | 'txt';

export interface DownloadedFile {
  contentType: string;
  fileName: string;
  body: string;
  /** When the record behind the link was made; links expire a set number of days after. */
  createdAt: string;
}

/** Serves one kind of download: null when the id or token is unknown (answered 404 either way). */
export type DownloadHandler = (id: string, token: string, format: DownloadFormat) => Promise<DownloadedFile | null>;

export function newDownloadToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokenMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function downloadLink(publicBaseUrl: string, kind: string, id: string, token: string, format: DownloadFormat): string {
  return `${publicBaseUrl}/api/${kind}/${id}/${token}.${format}`;
}

/** Whether a link to a file made at `createdAt` has outlived its `days`. */
export function downloadExpired(createdAt: string, now: Date, days: number): boolean {
  const made = Date.parse(createdAt);
  return !Number.isFinite(made) || now.getTime() - made > days * 86_400_000;
}
