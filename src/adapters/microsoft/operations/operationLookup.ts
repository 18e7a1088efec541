import type { Clock } from '../../../clock';
import { NOT_TRACKABLE_STATUS } from '../../../domain/operationState';
import type { BapClient } from '../bap/bapClient';
import { bapKind, bapProgress, ppProgress, type Progress } from '../mapping/operationProgress';
import { stagesForStatus } from '../mapping/stages';
import type { PowerPlatformApiClient } from '../powerPlatformApi/powerPlatformApiClient';
import { finishedBackup } from './environmentOperations';
import type { Tracking } from './operationRecords';

// Finding an operation the service accepted without saying how to follow it (a 2xx without
// Location / Operation-Location / operation id: seen on Power Platform API restores and copies and
// on BAP backups). It was started, so it is recorded at once and then looked up in the environment's
// own list: the newest operation of its kind that began after the request (PP API `…/operations`,
// BAP `lifecycleOperations`), or the backup carrying its label (BAP `…/backups`). Until it shows,
// it reads "started, not trackable yet" with where a person can see it.

export type LookupTracking = Extract<Tracking, { via: 'lookup' }>;

/** Services stamp their own clock; an operation a little older than our request is still ours. */
const CLOCK_SKEW_MS = 2 * 60_000;

function startedAfter(time: string | null | undefined, tracking: LookupTracking): boolean {
  return !!time && Date.parse(time) >= Date.parse(tracking.startedAt) - CLOCK_SKEW_MS;
}

export class OperationLookup {
  constructor(
    private readonly bap: BapClient,
    private readonly powerPlatformApi: PowerPlatformApiClient,
    private readonly clock: Clock,
  ) {}

  /** Where the operation stands: found (with its own tracking from now on), or still not trackable. */
  async locate(tracking: LookupTracking): Promise<{ tracking: Tracking; progress: Progress }> {
    const found = await this.find(tracking);
    return found ?? { tracking, progress: notTrackable(tracking) };
  }

  private async find(tracking: LookupTracking): Promise<{ tracking: Tracking; progress: Progress } | null> {
    if (tracking.api === 'powerPlatformApi') {
      const operations = await this.powerPlatformApi.listOperations(tracking.environmentId);
      const match = operations
        .filter((o) => startedAfter(o.startTime, tracking) && (!o.name || o.name.toLowerCase().includes(tracking.kind.toLowerCase())))
        .sort((a, b) => Date.parse(b.startTime ?? '') - Date.parse(a.startTime ?? ''))[0];
      const operationId = match?.operationId;
      return operationId ? { tracking: { via: 'powerPlatformApi', pollUrl: null, operationId }, progress: ppProgress(match) } : null;
    }
    if (tracking.kind === 'Backup') {
      const backups = await this.bap.listBackups(tracking.environmentId);
      const backup = backups.find((b) => b.label === tracking.label);
      return backup ? { tracking: { via: 'finished' }, progress: finishedBackup(backup.id, backup.backupPointDateTime ?? null, this.clock.now()).progress! } : null;
    }
    const operations = await this.bap.listLifecycleOperations(tracking.environmentId);
    const match = operations
      .filter((o) => bapKind(o.type.id) === tracking.kind && startedAfter(o.createdDateTime, tracking))
      .sort((a, b) => Date.parse(b.createdDateTime ?? '') - Date.parse(a.createdDateTime ?? ''))[0];
    if (!match) return null;
    const id = match.id.split('/').pop() ?? match.id;
    return { tracking: { via: 'bap', pollUrl: this.bap.lifecycleOperationUrl(id) }, progress: bapProgress(match) };
  }
}

/** Started, not found in the service's list (yet): said plainly, with where to look. */
export function notTrackable(tracking: LookupTracking): Progress {
  const environmentName = tracking.environmentName;
  const where =
    tracking.kind === 'Backup'
      ? `Power Platform admin center › Environments › ${environmentName} › Backup & Restore`
      : `Power Platform admin center › Environments › ${environmentName} › History`;
  return {
    status: NOT_TRACKABLE_STATUS,
    stages: stagesForStatus('InProgress', tracking.startedAt, null),
    error: {
      code: 'StartedNotTrackable',
      message: `The ${tracking.kind.toLowerCase()} was started at ${tracking.startedAt}, but the service gave no way to follow it and it does not show in the environment's list yet. See ${where}; this keeps looking.`,
    },
    changedAt: null,
  };
}
