import type { Operation, PowerPlatformEnvironment } from '../../../domain/model';
import type { Progress } from '../mapping/operationProgress';
import { stagesForStatus } from '../mapping/stages';
import type { Tracking } from './operationRecords';

// Backup, restore and copy of Dataverse environments. Two APIs can run them — the Power Platform
// admin API (BAP) and the newer Power Platform API — chosen by MICROSOFT_ENVIRONMENT_OPERATIONS_API;
// both start through this interface so the rest of the adapter does not care which. Each follows
// its own operations (its `poll` takes its own kind of tracking), so operations started before a
// change of setting are still followed to their end.

export interface StartedEnvironmentOperation {
  tracking: Tracking;
  /** Known at once when the service finished the work in the request itself (a backup). */
  progress: Progress | null;
  /** What the service reported back, added to the operation's parameters. */
  parameters: Operation['parameters'];
}

export interface RestoreRequest {
  source: PowerPlatformEnvironment;
  /** The moment to go back to. */
  restorePoint: Date;
}

export interface CopyRequest {
  source: PowerPlatformEnvironment;
  /** `Full` copies data too; `Minimal` copies customisations and schema only. */
  copyType: 'Full' | 'Minimal';
}

export interface EnvironmentOperations {
  backup(target: PowerPlatformEnvironment, label: string): Promise<StartedEnvironmentOperation>;
  restore(target: PowerPlatformEnvironment, request: RestoreRequest): Promise<StartedEnvironmentOperation>;
  copy(target: PowerPlatformEnvironment, request: CopyRequest): Promise<StartedEnvironmentOperation>;
}

/** A backup the service took within the request. */
export function finishedBackup(backupId: string, backupPointDateTime: string | null, now: Date): StartedEnvironmentOperation {
  const at = backupPointDateTime ?? now.toISOString();
  return {
    tracking: { via: 'finished' },
    progress: { status: 'Succeeded', stages: stagesForStatus('Succeeded', at, at), error: null, changedAt: at },
    parameters: { backupId, backupPointDateTime: at },
  };
}
