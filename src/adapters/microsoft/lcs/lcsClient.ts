import type { Clock } from '../../../clock';
import { LifecycleError } from '../../../domain/ports/lifecyclePort';
import type { TokenSource } from '../auth/delegatedAccess';
import { parseBody } from '../http/parseBody';
import type { ServiceHttp } from '../http/serviceHttp';
import type { LcsCallLimits } from './lcsLimits';
import {
  envelopeSchema,
  historyEntrySchema,
  lcsEnvironmentSchema,
  operationStatusSchema,
  pagedSchema,
  type LcsEnvironment,
  type LcsHistoryEntry,
  type LcsOperationStatus,
} from './lcsSchemas';

// The LCS API on the configured (regional) host: environment metadata and history, database export
// and refresh and their status. Every call carries `x-ms-version` and a token on behalf of a person
// (LCS has no app-only access). A 200 with `IsSuccess: false` is a refusal; "Maximum allowed API
// operations are 3 …" is the 3-database-operations-a-day quota.

const LCS_HEADERS = { 'x-ms-version': '2017-09-15' };
const QUOTA_MESSAGE = /Maximum allowed API operations are \d+/i;
/** A guard against a service that never says "no more pages". */
const MAX_PAGES = 50;

const environmentPageSchema = pagedSchema(lcsEnvironmentSchema);
const historyPageSchema = pagedSchema(historyEntrySchema);

export class LcsClient {
  constructor(
    private readonly http: ServiceHttp,
    private readonly baseUrl: string,
    private readonly limits: LcsCallLimits,
    private readonly clock: Clock,
  ) {}

  /** All environments of a project, every page. */
  async environments(projectId: string, token: TokenSource): Promise<LcsEnvironment[]> {
    const environments: LcsEnvironment[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      this.limits.metadata(projectId, this.clock.now());
      const what = `reading page ${page} of the environments of LCS project ${projectId}`;
      const body = await this.call('GET', `/environmentinfo/v1/detail/project/${encodeURIComponent(projectId)}/?page=${page}`, token, what);
      const parsed = parseBody(environmentPageSchema, body, this.http.service, what);
      environments.push(...parsed.Data);
      if (!parsed.ResultHasMorePages) break;
    }
    return environments;
  }

  /**
   * Whether the person may use the API on the project: LCS lets only Project owners and Environment
   * Managers read environment metadata, so one page read (or refused) answers it.
   */
  async canReadProject(projectId: string, token: TokenSource): Promise<boolean> {
    this.limits.metadata(projectId, this.clock.now());
    try {
      await this.call('GET', `/environmentinfo/v1/detail/project/${encodeURIComponent(projectId)}/?page=1`, token, `checking access to LCS project ${projectId}`);
      return true;
    } catch (error) {
      if (error instanceof LifecycleError && (error.code === 'InvalidRequest' || error.code === 'Unauthorized')) return false;
      throw error;
    }
  }

  /** History newest first, read page by page until an entry older than `since` (or the end). */
  async history(projectId: string, environmentId: string, since: Date, token: TokenSource): Promise<LcsHistoryEntry[]> {
    const entries: LcsHistoryEntry[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      this.limits.history(projectId, environmentId, this.clock.now());
      const what = `reading page ${page} of the history of LCS environment ${environmentId}`;
      const path = `/environmentinfo/v1/history/project/${encodeURIComponent(projectId)}/environment/${encodeURIComponent(environmentId)}/?page=${page}`;
      const parsed = parseBody(historyPageSchema, await this.call('GET', path, token, what), this.http.service, what);
      entries.push(...parsed.Data);
      const reachedOlder = parsed.Data.some((entry) => entry.StartDateTimeUtc && Date.parse(entry.StartDateTimeUtc) < since.getTime());
      if (!parsed.ResultHasMorePages || reachedOlder) break;
    }
    return entries;
  }

  /** Starts a database refresh from `sourceId` into `targetId`; resolves with the activity id. */
  async refreshDatabase(projectId: string, sourceId: string, targetId: string, token: TokenSource): Promise<string> {
    const path = `/databasemovement/v1/refresh/project/${encodeURIComponent(projectId)}/source/${encodeURIComponent(sourceId)}/target/${encodeURIComponent(targetId)}`;
    return this.activityId(await this.call('POST', path, token, `refreshing the database of ${targetId} from ${sourceId}`, false));
  }

  /** Starts a database export (bacpac to the asset library); resolves with the activity id. */
  async exportDatabase(projectId: string, environmentId: string, backupName: string, token: TokenSource): Promise<string> {
    const path = `/databasemovement/v1/export/project/${encodeURIComponent(projectId)}/environment/${encodeURIComponent(environmentId)}/backupName/${encodeURIComponent(backupName)}`;
    return this.activityId(await this.call('POST', path, token, `exporting the database of ${environmentId}`, false));
  }

  async operationStatus(projectId: string, environmentId: string, activityId: string, token: TokenSource): Promise<LcsOperationStatus> {
    const what = `reading the status of LCS activity ${activityId}`;
    const path = `/databasemovement/v1/fetchstatus/project/${encodeURIComponent(projectId)}/environment/${encodeURIComponent(environmentId)}/operationactivity/${encodeURIComponent(activityId)}`;
    return parseBody(operationStatusSchema, await this.call('GET', path, token, what), this.http.service, what);
  }

  private activityId(body: unknown): string {
    const id = envelopeSchema.safeParse(body).data?.OperationActivityId;
    if (!id) throw new LifecycleError('Unavailable', `${this.http.service} accepted the request but gave no OperationActivityId to follow it.`);
    return id;
  }

  /** One call; the envelope's IsSuccess decides, whatever the HTTP status said. */
  private async call(method: 'GET' | 'POST', path: string, token: TokenSource, what: string, idempotent = true): Promise<unknown> {
    const response = await this.http.send({ method, url: `${this.baseUrl}${path}`, token, headers: LCS_HEADERS, idempotent, what });
    const envelope = parseBody(envelopeSchema, response.body, this.http.service, what);
    if (!envelope.IsSuccess) {
      const message = envelope.ErrorMessage?.trim() || 'no reason given';
      const quota = QUOTA_MESSAGE.test(message);
      throw new LifecycleError(
        quota ? 'QuotaExceeded' : 'InvalidRequest',
        `${this.http.service} refused ${what}: ${message}${envelope.OperationActivityId ? ` (activity ${envelope.OperationActivityId})` : ''}.`,
        quota ? 'LcsDatabaseOperationQuota' : 'LcsRequestFailed',
      );
    }
    return response.body;
  }
}
