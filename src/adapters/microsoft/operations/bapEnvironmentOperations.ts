import type { Clock } from '../../../clock';
import type { PowerPlatformEnvironment } from '../../../domain/model';
import type { BapClient, BapStarted } from '../bap/bapClient';
import { bapProgress, type Progress } from '../mapping/operationProgress';
import { stagesForStatus } from '../mapping/stages';
import { finishedBackup, type CopyRequest, type EnvironmentOperations, type RestoreRequest, type StartedEnvironmentOperation } from './environmentOperations';
import type { Tracking } from './operationRecords';

export type BapTracking = Extract<Tracking, { via: 'bap' }>;

// Backup, restore and copy through BAP (`backups`, `restoreTo`, `copyTo`, api-version 2019-05-01):
// 202 + Operation-Location, polled until Succeeded or Failed (microsoft-apis.md §3.5).

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
    return this.started(await this.bap.createBackup(target.id, label));
  }

  async restore(target: PowerPlatformEnvironment, request: RestoreRequest): Promise<StartedEnvironmentOperation> {
    return this.started(
      await this.bap.restoreTo(target.id, {
        SourceEnvironmentId: request.source.id,
        TargetEnvironmentName: target.displayName,
        RestorePointDateTime: bapRestorePoint(request.restorePoint),
        SkipAuditData: true,
      }),
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
    );
  }

  async poll(tracking: BapTracking): Promise<Progress> {
    const poll = await this.bap.poll(tracking.pollUrl);
    // Gone means finished (the Terraform provider's rule); a 202 without a body is still running.
    if (poll.kind === 'gone') return { status: 'Succeeded', stages: stagesForStatus('Succeeded', null, this.now()), error: null, changedAt: this.now() };
    if (!poll.operation) return { status: 'InProgress', stages: stagesForStatus('InProgress', null, null), error: null, changedAt: null };
    return bapProgress(poll.operation);
  }

  private started(started: BapStarted): StartedEnvironmentOperation {
    if (started.kind === 'finished') return finishedBackup(started.backupId, started.backupPointDateTime, this.clock.now());
    return { tracking: { via: 'bap', pollUrl: started.pollUrl }, progress: null, parameters: {} };
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
