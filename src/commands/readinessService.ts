import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import { evaluateReadiness } from '../domain/readiness/evaluateReadiness';
import { exportReadinessReport } from '../domain/readiness/readinessExport';
import type { ReadinessReport, ReadinessTarget, SetupPersonChoice } from '../domain/readiness/readinessTypes';
import type { LifecyclePort } from '../domain/ports/lifecyclePort';
import { gatherReadinessFacts, type KnownEnvironments } from '../domain/readiness/readinessFacts';
import { newDownloadToken, tokenMatches, type DownloadedFile, type DownloadFormat } from '../downloads';
import type { Store } from '../storage/port';
import type { Caller } from './turn';

// Runs a readiness check and keeps its result: the report is stored so that Export, Continue to
// setup and the audit entry of a confirmation all refer to exactly what the admin saw.

export const REPORT_NAMESPACE = 'readiness-report';

export interface StoredReadinessReport {
  id: string;
  report: ReadinessReport;
  target: ReadinessTarget;
  /** Whose licence and roles were asked for; a re-check asks the same. Absent in reports stored before it existed. */
  setupBy?: SetupPersonChoice;
  requestedBy: { objectId: string; displayName: string };
  tenantId: string | null;
  createdAt: string;
  /** SHA-256 of the exported content; what a change ticket and the audit log quote. */
  sha256: string;
  markdown: string;
  json: string;
  fileBaseName: string;
  /** Unguessable part of the download links. */
  downloadToken: string;
}

export class ReadinessService {
  constructor(
    private readonly port: LifecyclePort,
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /**
   * Gathers the facts concurrently, applies the rules and stores the report. `setupBy` says whose
   * licence and roles to judge; by default the caller's, who is about to confirm a setup. `known`
   * holds environment lists already read for this check.
   */
  async check(
    fnoEnvironmentId: string,
    target: ReadinessTarget,
    caller: Caller,
    setupBy: SetupPersonChoice = { kind: 'caller' },
    known: KnownEnvironments = {},
  ): Promise<StoredReadinessReport> {
    const facts = await gatherReadinessFacts(
      this.port,
      { fnoEnvironmentId, target, callerObjectId: caller.objectId ?? '', callerTenantId: caller.tenantId, setupBy },
      known,
    );
    const now = this.clock.now();
    const report = evaluateReadiness(facts, now);
    const requestedBy = { objectId: caller.objectId ?? '', displayName: caller.displayName };
    const exported = exportReadinessReport(report, { generatedAt: now, requestedBy, tenantId: caller.tenantId });
    const stored: StoredReadinessReport = {
      id: randomUUID(),
      report,
      target,
      setupBy,
      requestedBy,
      tenantId: caller.tenantId,
      createdAt: now.toISOString(),
      sha256: exported.sha256,
      markdown: exported.markdown,
      json: exported.json,
      fileBaseName: exported.fileBaseName,
      downloadToken: newDownloadToken(),
    };
    await this.store.documents.put(REPORT_NAMESPACE, stored.id, stored, 0);
    return stored;
  }

  async get(reportId: string): Promise<StoredReadinessReport | null> {
    return (await this.store.documents.get<StoredReadinessReport>(REPORT_NAMESPACE, reportId))?.value ?? null;
  }

  /** The exported file for a download link, or null when the id or token does not match. */
  async download(reportId: string, token: string, format: DownloadFormat): Promise<DownloadedFile | null> {
    const stored = await this.get(reportId);
    if (!stored || format === 'txt' || !tokenMatches(stored.downloadToken, token)) return null;
    return format === 'md'
      ? { contentType: 'text/markdown; charset=utf-8', fileName: `${stored.fileBaseName}.md`, body: stored.markdown, createdAt: stored.createdAt }
      : { contentType: 'application/json; charset=utf-8', fileName: `${stored.fileBaseName}.json`, body: stored.json, createdAt: stored.createdAt };
  }
}

