import { STAGE_NAMES, type OperationStage } from '../../../domain/model';

// The port's four stages for services that report fewer (or none): the stages before the active one
// are done, the active one has `activeStatus`, the rest have not started. Times are the operation's
// own where the service gives no per-stage times.

export function stagesAt(activeIndex: number, activeStatus: string, startedAt: string | null, endedAt: string | null): OperationStage[] {
  return STAGE_NAMES.map((name, index) => {
    if (index < activeIndex) return { name, status: 'Succeeded', startedAt, endedAt: endedAt ?? startedAt };
    if (index === activeIndex) return { name, status: activeStatus, startedAt: activeStatus === 'NotStarted' ? null : startedAt, endedAt: activeStatus === 'Failed' ? endedAt : null };
    return { name, status: 'NotStarted', startedAt: null, endedAt: null };
  });
}

export const RUN_STAGE = STAGE_NAMES.indexOf('Run');

/** Stages for an operation known only by its overall status: queued, running, succeeded or failed. */
export function stagesForStatus(status: string, startedAt: string | null, endedAt: string | null): OperationStage[] {
  if (status === 'Queued') return stagesAt(0, 'NotStarted', startedAt, endedAt);
  if (status === 'Succeeded') return stagesAt(STAGE_NAMES.length, 'Succeeded', startedAt, endedAt);
  if (status === 'Failed') return stagesAt(RUN_STAGE, 'Failed', startedAt, endedAt);
  return stagesAt(RUN_STAGE, 'InProgress', startedAt, null);
}
