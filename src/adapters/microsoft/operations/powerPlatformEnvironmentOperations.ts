import type { Clock } from '../../../clock';
import type { PowerPlatformEnvironment } from '../../../domain/model';
import { ppProgress, type Progress } from '../mapping/operationProgress';
import type { PowerPlatformApiClient, PpFollowUp } from '../powerPlatformApi/powerPlatformApiClient';
import { finishedBackup, type CopyRequest, type EnvironmentOperations, type RestoreRequest, type StartedEnvironmentOperation } from './environmentOperations';
import type { Tracking } from './operationRecords';

export type PowerPlatformApiTracking = Extract<Tracking, { via: 'powerPlatformApi' }>;

// Backup, restore and copy through the Power Platform API (environmentmanagement, 2024-10-01):
// a backup answers 201 at once; restore (dry-run first with ValidateOnly) and copy answer 202 and
// are followed through their operation (OperationExecutionResult, with stageStatuses).


export class PowerPlatformEnvironmentOperations implements EnvironmentOperations {
  constructor(
    private readonly api: PowerPlatformApiClient,
    private readonly clock: Clock,
  ) {}

  async backup(target: PowerPlatformEnvironment, label: string): Promise<StartedEnvironmentOperation> {
    const backup = await this.api.createBackup(target.id, label);
    return finishedBackup(backup.id, backup.backupPointDateTime, this.clock.now());
  }

  async restore(target: PowerPlatformEnvironment, request: RestoreRequest): Promise<StartedEnvironmentOperation> {
    return this.tracking(
      target,
      'Restore',
      await this.api.restore(target.id, {
        sourceEnvironmentId: request.source.id,
        // RFC 3339 with an offset; UTC's is Z.
        restorePointDateTime: request.restorePoint.toISOString(),
        restoreOptions: { skipAuditData: true },
      }),
    );
  }

  async copy(target: PowerPlatformEnvironment, request: CopyRequest): Promise<StartedEnvironmentOperation> {
    return this.tracking(
      target,
      'Copy',
      await this.api.copy(target.id, {
        sourceEnvironmentId: request.source.id,
        copyType: request.copyType,
        copyOptions: { skipAuditData: true, executeAdvancedCopyForFinanceAndOperations: false },
      }),
    );
  }

  /** Followed by its URL or id; accepted without either, it is looked up (operationLookup.ts). */
  private tracking(target: PowerPlatformEnvironment, kind: 'Restore' | 'Copy', followUp: PpFollowUp): StartedEnvironmentOperation {
    if (!followUp.pollUrl && !followUp.operationId) {
      return { tracking: { via: 'lookup', api: 'powerPlatformApi', kind, environmentId: target.id, environmentName: target.displayName, label: null, startedAt: this.clock.now().toISOString() }, progress: null, parameters: {} };
    }
    return { tracking: { via: 'powerPlatformApi', pollUrl: followUp.pollUrl, operationId: followUp.operationId }, progress: null, parameters: {} };
  }

  async poll(state: PowerPlatformApiTracking): Promise<Progress> {
    return ppProgress(await this.api.operation({ pollUrl: state.pollUrl, operationId: state.operationId }));
  }
}
