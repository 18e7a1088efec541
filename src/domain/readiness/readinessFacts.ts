import { sameId } from '../ids';
import { findLinkedEnvironment } from './linkedEnvironments';
import type { Fact, ReadinessFacts, ReadinessTarget, SetupPerson, SetupPersonChoice } from './readinessTypes';
import { LifecycleError, type LifecyclePort } from '../ports/lifecyclePort';
import type { DirectoryUser, FnoEnvironment, Operation, PowerPlatformEnvironment } from '../model';

// Collects what the readiness rules need from the lifecycle port. Every call starts at once, so the
// check takes as long as the slowest call, not the sum of them; the only wait in sequence is
// verifying an existing link, whose environment is known only once the environment list is in.
// Lists the caller already read (to find environments by name) are used, not read again.
// A call the service refuses (throttled, unavailable, unauthorised…) becomes an unknown fact with
// its reason; only an F&O environment or chosen environment that does not exist ends the check.

export interface ReadinessRequest {
  fnoEnvironmentId: string;
  target: ReadinessTarget;
  callerObjectId: string;
  /** Tenant of the Teams conversation; null when the channel did not say. */
  callerTenantId: string | null;
  /** Whose licence and roles to judge; the caller when absent (they confirm and press Setup). */
  setupBy?: SetupPersonChoice;
}

/** The environment administrator is known only once LCS has answered; the others are known at once. */
async function resolveSetupPerson(request: ReadinessRequest, fno: Promise<Fact<FnoEnvironment>>): Promise<SetupPerson> {
  const choice = request.setupBy ?? { kind: 'caller' };
  if (choice.kind === 'named') return { objectId: choice.objectId, basis: 'named' };
  if (choice.kind === 'caller') return { objectId: request.callerObjectId, basis: 'caller' };
  const fact = await fno;
  const admin = fact.known ? fact.value.environmentAdministrator : null;
  return admin ? { objectId: admin.objectId, basis: 'environment-administrator' } : { objectId: request.callerObjectId, basis: 'caller', noAdministratorNamed: true };
}

function reasonOf(what: string, error: LifecycleError): string {
  const retry = error.retryAfterSeconds !== undefined ? `; try again in ${error.retryAfterSeconds} s` : '';
  return `${what} could not be read (${error.code}: ${error.message.replace(/\.+$/, '')}${retry})`;
}

/**
 * Settles one port call into a fact. Errors that are not LifecycleErrors are bugs, not service
 * answers, and are left to surface.
 */
async function settle<T>(what: string, call: () => Promise<T>): Promise<Fact<T>> {
  try {
    return { known: true, value: await call() };
  } catch (error) {
    if (error instanceof LifecycleError) return { known: false, reason: reasonOf(what, error) };
    throw error;
  }
}

/** A fact that must exist: an unknown id ends the check with NotFound, any other failure is an unknown fact. */
async function settleRequired<T>(what: string, call: () => Promise<T | null>, notFound: string): Promise<Fact<T>> {
  let value: T | null;
  try {
    value = await call();
  } catch (error) {
    if (!(error instanceof LifecycleError)) throw error;
    if (error.code !== 'NotFound') return { known: false, reason: reasonOf(what, error) };
    value = null;
  }
  if (value === null) throw new LifecycleError('NotFound', notFound);
  return { known: true, value };
}

function newestFirstWithoutRepeats(lists: Operation[][]): Operation[] {
  const byId = new Map(lists.flat().map((operation) => [operation.id, operation]));
  return [...byId.values()].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
}

/** Environment lists already read for this check; whatever is given is not asked for again. */
export interface KnownEnvironments {
  fnoEnvironments?: FnoEnvironment[];
  powerPlatformEnvironments?: PowerPlatformEnvironment[];
}

function byId<T extends { id: string }>(list: T[], id: string): T | null {
  return list.find((item) => sameId(item.id, id)) ?? null;
}

export async function gatherReadinessFacts(port: LifecyclePort, request: ReadinessRequest, known: KnownEnvironments = {}): Promise<ReadinessFacts> {
  const { fnoEnvironmentId, target, callerObjectId } = request;
  const targetId = target.kind === 'existing' ? target.ppEnvironmentId : null;
  const { fnoEnvironments, powerPlatformEnvironments } = known;

  const fnoEnvironment = settleRequired(
    'the finance and operations environment',
    async () => (fnoEnvironments ? byId(fnoEnvironments, fnoEnvironmentId) : port.getFnoEnvironment(fnoEnvironmentId)),
    `No finance and operations environment has the id ${fnoEnvironmentId}. Check the id in LCS, under the environment's details.`,
  );
  const tenant = settle("the tenant's capacity and settings", () => port.getTenant());
  const environments = settle('the list of Power Platform environments', async () => powerPlatformEnvironments ?? port.listPowerPlatformEnvironments());
  const setupPerson = resolveSetupPerson(request, fnoEnvironment);
  const user = setupPerson.then(async ({ objectId }): Promise<Fact<DirectoryUser>> => {
    const whose = objectId === callerObjectId ? 'your directory entry' : `the directory entry of ${objectId}`;
    const fact = await settle(whose, () => port.getUser(objectId));
    if (!fact.known) return fact;
    if (fact.value) return { known: true, value: fact.value };
    return { known: false, reason: `the directory has no user with object id ${objectId}` };
  });
  const operations = settle('the running lifecycle operations', async () =>
    newestFirstWithoutRepeats(
      await Promise.all(
        [fnoEnvironmentId, ...(targetId ? [targetId] : [])].map((environmentId) => port.listOperations({ environmentId })),
      ),
    ),
  );
  const targetEnvironment = targetId
    ? settleRequired(
        'the chosen Power Platform environment',
        async () => (powerPlatformEnvironments ? byId(powerPlatformEnvironments, targetId) : port.getPowerPlatformEnvironment(targetId)),
        `No Power Platform environment has the id ${targetId}. Copy the environment id from the Power Platform admin center.`,
      )
    : null;
  const targetVerification = targetId ? settle('Dataverse in the chosen environment', () => port.verifyIntegration(targetId)) : null;
  const linkedVerification = environments.then((list) => {
    const linked = list.known ? findLinkedEnvironment(fnoEnvironmentId, list.value) : null;
    if (!linked) return null;
    if (sameId(linked.id, targetId)) return targetVerification;
    return settle(`Dataverse in ${linked.displayName}`, () => port.verifyIntegration(linked.id));
  });

  const [fnoFact, tenantFact, environmentsFact, userFact, operationsFact, targetFact, targetVerificationFact, linkedVerificationFact, setupPersonFact] =
    await Promise.all([fnoEnvironment, tenant, environments, user, operations, targetEnvironment, targetVerification, linkedVerification, setupPerson]);

  return {
    fnoEnvironmentId,
    target,
    caller: { objectId: callerObjectId, tenantId: request.callerTenantId },
    setupPerson: setupPersonFact,
    fnoEnvironment: fnoFact,
    tenant: tenantFact,
    user: userFact,
    powerPlatformEnvironments: environmentsFact,
    targetEnvironment: targetFact,
    targetVerification: targetVerificationFact,
    linkedVerification: linkedVerificationFact,
    operations: operationsFact,
  };
}
