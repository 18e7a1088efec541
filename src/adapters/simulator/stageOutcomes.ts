import type { OperationError, StageName } from '../../domain/model';
import { completeIntegrationSetup, releaseTarget, validateIntegrationSetup } from './integrationSetup';
import type { StageHooks } from './operationProgress';
import type { OperationRecord, WorldState } from './simulatorState';

// How a stage's outcome is decided, in order: a scripted failure from the world file wins (so a demo
// can make anything fail once), then the facts of the world (capacity, licences, roles for a setup).

/** Uses up one run of the first scripted failure that matches this operation at this stage. */
function takeScriptedFailure(world: WorldState, record: OperationRecord, stage: StageName): OperationError | null {
  const operation = record.operation;
  const failure = world.failures.find(
    (candidate) =>
      candidate.remaining > 0 &&
      candidate.kind === operation.kind &&
      candidate.stage === stage &&
      (candidate.fnoEnvironmentId === undefined || candidate.fnoEnvironmentId === operation.fnoEnvironmentId) &&
      (candidate.ppEnvironmentId === undefined || candidate.ppEnvironmentId === operation.ppEnvironmentId),
  );
  if (!failure) return null;
  failure.remaining -= 1;
  return { code: failure.code, message: failure.message };
}

/** Stage hooks acting on `world` (the draft being changed in the current transaction). */
export function worldStageHooks(world: WorldState): StageHooks {
  return {
    outcome(record, stage, simulatedAt) {
      const scripted = takeScriptedFailure(world, record, stage);
      if (scripted) return scripted;
      if (record.operation.kind === 'IntegrationSetup' && stage === 'Validate') {
        return validateIntegrationSetup(world, record, simulatedAt);
      }
      return null;
    },
    succeeded(record) {
      if (record.operation.kind === 'IntegrationSetup') completeIntegrationSetup(world, record);
    },
    failed(record) {
      if (record.operation.kind === 'IntegrationSetup') releaseTarget(world, record);
    },
  };
}
