import type { OperationFacts } from './operationEvidence';
import { isTerminal } from '../operationState';
import { LifecycleError, type LifecyclePort } from '../ports/lifecyclePort';
import type { Operation } from '../model';

// What triage needs to know about an operation's environment now, read concurrently. A fact the
// service cannot give (throttled, unauthorised…) is left out, which the triage rules report as not
// checked; it never sinks the triage itself.

async function maybe<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof LifecycleError) return undefined;
    throw error;
  }
}

export async function gatherTriageFacts(port: LifecyclePort, operation: Operation): Promise<OperationFacts> {
  const targetId =
    typeof operation.parameters.targetPpEnvironmentId === 'string' ? operation.parameters.targetPpEnvironmentId : operation.ppEnvironmentId;
  const [tenant, requester, fnoEnvironment, ppEnvironment, operations] = await Promise.all([
    maybe(() => port.getTenant()),
    maybe(() => port.getUser(operation.requestedBy.objectId)),
    operation.fnoEnvironmentId ? maybe(() => port.getFnoEnvironment(operation.fnoEnvironmentId!)) : Promise.resolve(undefined),
    targetId ? maybe(() => port.getPowerPlatformEnvironment(targetId)) : Promise.resolve(undefined),
    maybe(() => port.listOperations()),
  ]);
  return {
    tenant,
    requester,
    fnoEnvironment,
    ppEnvironment,
    runningOperations: operations?.filter((o) => !isTerminal(o.status)),
  };
}
