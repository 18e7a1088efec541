import type { Clock } from '../../../clock';
import type { PowerPlatformEnvironment } from '../../../domain/model';
import type { BapClient, BapStarted } from '../bap/bapClient';
import { bapProgress, isRunningState, isTerminal, type Progress } from '../mapping/operationProgress';
import { stagesForStatus } from '../mapping/stages';
import { finishedBackup, type CopyRequest, type EnvironmentOperations, type RestoreRequest, type StartedEnvironmentOperation } from './environmentOperations';
import type { Tracking } from './operationRecords';

export type BapTracking = Extract<Tracking, { via: 'bap' }>;

// Backup, restore and copy through BAP (`backups`, `restoreTo`, `copyTo`, api-version 2019-05-01):
// 202 + Operation-Location, polled until it ends (docs/sources.md, API §3.5); a start accepted without
// anything to follow is looked up (operationLookup.ts).

/** BAP's restore point format: `yyyy-MM-dd HH:mm:ss`, UTC. */
function bapRestorePoint(moment: Date): string {
  return moment.toISOString().slice(0, 19).replace('T', ' ');
}

export class BapEnvironmentOperations implements EnvironmentOperations {
  constructor(
    private readonly bap: BapClient,
    private readonly clock: Clock,
  ) {}

  async backup(target: PowerPlatformEnvironment, label: string): Promise<StartedEnvironmentOperation> {
    return this.started(await this.bap.createBackup(target.id, label), target, 'Backup', label);
  }

  async restore(target: PowerPlatformEnvironment, request: RestoreRequest): Promise<StartedEnvironmentOperation> {
    return this.started(
      await this.bap.restoreTo(target.id, {
        SourceEnvironmentId: request.source.id,
        TargetEnvironmentName: target.displayName,
        RestorePointDateTime: bapRestorePoint(request.restorePoint),
        SkipAuditData: true,
      }),
      target,
      'Restore',
    );
  }

  async copy(target: PowerPlatformEnvironment, request: CopyRequest): Promise<StartedEnvironmentOperation> {
    return this.started(
      await this.bap.copyTo(target.id, {
        sourceEnvironmentId: request.source.id,
        targetEnvironmentName: target.displayName,
        copyType: request.copyType === 'Full' ? 'FullCopy' : 'MinimalCopy',
        skipAuditData: true,
        executeAdvancedCopyForFinanceAndOperations: false,
      }),
      target,
      'Copy',
    );
  }

  /**
   * Polls the Operation-Location while it answers 202. A 200 ends it, whatever its body says —
   * unless the body still names a running state — and so does a 202 whose body shows a final state:
   * a finished restore must never stay "in progress". Gone (404) means finished (the Terraform
   * provider's rule).
   */
  async poll(tracking: BapTracking): Promise<Progress> {
    const poll = await this.bap.poll(tracking.pollUrl);
    if (poll.kind === 'gone') return this.succeeded();
    if (poll.kind === 'running') return poll.operation ? bapProgress(poll.operation) : { status: 'InProgress', stages: stagesForStatus('InProgress', null, null), error: null, changedAt: null };
    if (!poll.operation) return this.succeeded();
    const progress = bapProgress(poll.operation);
    return isTerminal(progress.status) || !isRunningState(progress.status) ? bapProgress(poll.operation, { ended: true }) : progress;
  }

  private succeeded(): Progress {
    return { status: 'Succeeded', stages: stagesForStatus('Succeeded', null, this.now()), error: null, changedAt: this.now() };
  }

  private started(started: BapStarted, target: PowerPlatformEnvironment, kind: 'Backup' | 'Restore' | 'Copy', label: string | null = null): StartedEnvironmentOperation {
    if (started.kind === 'finished') return finishedBackup(started.backupId, started.backupPointDateTime, this.clock.now());
    if (started.kind === 'polling') return { tracking: { via: 'bap', pollUrl: started.pollUrl }, progress: null, parameters: {} };
    return { tracking: { via: 'lookup', api: 'bap', kind, environmentId: target.id, environmentName: target.displayName, label, startedAt: this.now() }, progress: null, parameters: {} };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
