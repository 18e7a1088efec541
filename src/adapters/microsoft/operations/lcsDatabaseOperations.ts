import type { Clock } from '../../../clock';
import { LifecycleError } from '../../../domain/ports/lifecyclePort';
import type { FnoEnvironment, Operation, PersonRef } from '../../../domain/model';
import type { RequestCredentials, TokenSource } from '../auth/delegatedAccess';
import type { LcsClient } from '../lcs/lcsClient';
import type { LcsHistoryEntry } from '../lcs/lcsSchemas';
import { canonicalId, sameId } from '../../../domain/ids';
import { lcsProgress, type Progress } from '../mapping/operationProgress';
import type { OperationRecords, Tracking } from './operationRecords';

// Database export and refresh through LCS, on behalf of the person who asked. LCS allows three
// database operations per environment in 24 hours and says so only after the fact (HTTP 200,
// IsSuccess false), so the adapter counts first — its own starts plus what the environment's LCS
// history shows (operations started in the LCS portal count too) — and refuses a fourth itself.

const DATABASE_OPERATIONS_PER_DAY = 3;
const DAY_MS = 24 * 60 * 60_000;
/**
 * History entries that count against the database quota. LCS's `Type` is an internal name
 * (`SFSourceDbToSandbox` for a refresh, `SFExportSandboxDb` for an export, per d365fo.tools), so the
 * name and display type are read too ("Refresh database", "Export database").
 */
const DATABASE_HISTORY_TEXT = /database|refresh|export|import|pointintime/i;
/** `Db` as a word inside an internal type name (`…SourceDbToSandbox`), not inside "Sandbox". */
const DATABASE_TYPE_WORD = /Db(?=[A-Z]|$)/;

function countsAgainstQuota(entry: LcsHistoryEntry): boolean {
  return [entry.Type, entry.TypeDisplay, entry.Name].some((text) => !!text && (DATABASE_HISTORY_TEXT.test(text) || DATABASE_TYPE_WORD.test(text)));
}

export type LcsTracking = Extract<Tracking, { via: 'lcs' }>;

export class LcsDatabaseOperations {
  constructor(
    private readonly lcs: LcsClient,
    private readonly credentials: RequestCredentials,
    private readonly lcsScope: string,
    private readonly records: OperationRecords,
    private readonly clock: Clock,
  ) {}

  async exportDatabase(environment: FnoEnvironment, backupName: string, requester: PersonRef): Promise<{ tracking: LcsTracking; progress: Progress }> {
    const token = await this.token('Starting the database export in LCS', requester);
    await this.assertQuota(environment, token);
    const activityId = await this.lcs.exportDatabase(environment.lcsProject.id, environment.id, backupName, token);
    return this.started(environment, activityId);
  }

  async refreshDatabase(target: FnoEnvironment, source: FnoEnvironment, requester: PersonRef): Promise<{ tracking: LcsTracking; progress: Progress }> {
    const token = await this.token('Starting the database refresh in LCS', requester);
    await this.assertQuota(target, token);
    const activityId = await this.lcs.refreshDatabase(target.lcsProject.id, source.id, target.id, token);
    return this.started(target, activityId);
  }

  /** fetchstatus on behalf of the person who started it. */
  async poll(tracking: LcsTracking, operation: Operation): Promise<Progress> {
    const token = await this.token('Following the LCS database operation', operation.requestedBy);
    const status = await this.lcs.operationStatus(tracking.projectId, tracking.environmentId, tracking.activityId, token);
    return lcsProgress(status, operation.createdAt);
  }

  /** The requester could not be acted for: asks them, out of any turn, to sign in again. */
  async askToSignIn(operation: Operation, environmentName: string): Promise<void> {
    const what = operation.kind === 'DatabaseRefresh' ? 'database refresh' : 'database export';
    await this.credentials.requestSignIn(operation.requestedBy.objectId, `to keep following the ${what} of ${environmentName}`);
  }

  private token(purpose: string, person: PersonRef): Promise<TokenSource> {
    return this.credentials.user(this.lcsScope, purpose, person.objectId);
  }

  private started(environment: FnoEnvironment, activityId: string): { tracking: LcsTracking; progress: Progress } {
    const at = this.clock.now().toISOString();
    return {
      tracking: { via: 'lcs', projectId: environment.lcsProject.id, environmentId: environment.id, activityId, environmentName: environment.name },
      progress: lcsProgress({ IsSuccess: true, OperationStatus: 'NotStarted' }, at),
    };
  }

  private async assertQuota(environment: FnoEnvironment, token: TokenSource): Promise<void> {
    const now = this.clock.now().getTime();
    const since = new Date(now - DAY_MS);
    const starts = new Map<string, number>();
    for (const record of await this.records.list()) {
      const { tracking, operation } = record;
      if (tracking.via === 'lcs' && sameId(tracking.environmentId, environment.id) && Date.parse(operation.createdAt) > since.getTime()) {
        starts.set(canonicalId(tracking.activityId), Date.parse(operation.createdAt));
      }
    }
    for (const entry of await this.lcs.history(environment.lcsProject.id, environment.id, since, token)) {
      const at = entry.StartDateTimeUtc ? Date.parse(entry.StartDateTimeUtc) : NaN;
      if (countsAgainstQuota(entry) && at > since.getTime()) {
        starts.set(canonicalId(entry.ActivityId ?? `history-${at}`), at);
      }
    }
    const times = [...starts.values()].sort((a, b) => a - b);
    if (times.length >= DATABASE_OPERATIONS_PER_DAY) {
      const nextSlot = new Date(times[times.length - DATABASE_OPERATIONS_PER_DAY]! + DAY_MS);
      throw new LifecycleError(
        'QuotaExceeded',
        `LCS allows ${DATABASE_OPERATIONS_PER_DAY} database operations per environment in 24 hours and ${environment.name} has used them; the next one can start after ${nextSlot.toISOString()}.`,
        'LcsDatabaseOperationQuota',
        Math.ceil((nextSlot.getTime() - now) / 1000),
      );
    }
  }
}
