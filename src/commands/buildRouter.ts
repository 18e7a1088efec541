import type { Clock } from '../clock';
import type { LifecyclePort } from '../domain/ports/lifecyclePort';
import type { Store } from '../storage/port';
import type { RoleDirectory } from '../domain/roles';
import type { ConnectionDoctor } from '../domain/ports/connectionDoctor';
import { auditCommand } from './auditCommands';
import { doctorCommand } from './doctorCommands';
import { helpCommand } from './helpCommands';
import { lifecycleActions, lifecycleCommands, planCardFollower } from './lifecycleCommands';
import type { OperationTracker } from '../domain/ports/operationTracker';
import { readinessActions, readinessCommand } from './readinessCommands';
import type { ReadinessService } from './readinessService';
import { Router } from './router';
import { signInCommands, type SignInFlow } from './signInCommands';
import { setupActions, setupAfterPicking, setupCommand } from './setupCommands';
import { SetupIntents } from './setupIntents';
import { statusCommand, verifyCommand } from './statusCommands';
import { subscriptionCommands } from './subscriptionCommands';
import { triageActions, triageCommand } from './triageCommands';
import { ENVIRONMENT_PICKER, type DialogCompletions } from './typedDialogs';
import type { TriageService } from './triageService';

export interface DialogDependencies {
  port: LifecyclePort;
  store: Store;
  clock: Clock;
  tracker: OperationTracker;
  /** Base of links people open (report downloads). */
  publicBaseUrl: string;
  /** Shared with the HTTP server, which serves the exported reports. */
  readiness: ReadinessService;
  /** Shared with the HTTP server (hand-off downloads) and the failure notices. */
  triage: TriageService;
  roles: RoleDirectory;
  /** Lets queued notices go out at once. */
  kick(): void;
  /** Teams sign-in for delegated calls (LCS); null or absent when SSO is not configured. */
  signIn?: SignInFlow | null;
  /** Where typed multi-turn dialogs are registered (the bot runs them); absent in card-only setups. */
  dialogs?: DialogCompletions;
  /** The connection self-test; null or absent on the simulator. */
  doctor?: ConnectionDoctor | null;
}

/** Every command and card action the bot understands, in the order the help card lists them. */
export function buildRouter(deps: DialogDependencies): Router {
  const readinessDeps = { port: deps.port, readiness: deps.readiness, publicBaseUrl: deps.publicBaseUrl };
  const setupDeps = { ...readinessDeps, intents: new SetupIntents(deps.store, deps.port, deps.clock), tracker: deps.tracker, store: deps.store, clock: deps.clock };

  const router = new Router();
  router.addCommand(helpCommand(router));
  for (const command of signInCommands(deps.signIn ?? null)) router.addCommand(command);
  router.addCommand(readinessCommand(readinessDeps));
  router.addCommand(setupCommand(setupDeps));
  deps.dialogs?.onComplete(ENVIRONMENT_PICKER, setupAfterPicking(setupDeps));
  router.addCommand(statusCommand(deps.port, deps.store));
  router.addCommand(verifyCommand(deps.port));
  router.addCommand(auditCommand(deps.store, deps.port));
  router.addCommand(doctorCommand(deps.doctor ?? null));
  for (const command of subscriptionCommands(deps.port, deps.store)) router.addCommand(command);
  for (const command of lifecycleCommands(deps)) router.addCommand(command);
  for (const action of lifecycleActions(deps)) router.addAction(action);
  deps.tracker.onEnded?.(planCardFollower(deps));
  for (const action of [...readinessActions(readinessDeps), ...setupActions(setupDeps)]) router.addAction(action);
  const triageDeps = { port: deps.port, store: deps.store, triage: deps.triage, roles: deps.roles, publicBaseUrl: deps.publicBaseUrl, kick: deps.kick };
  router.addCommand(triageCommand(triageDeps));
  for (const action of triageActions(triageDeps)) router.addAction(action);
  return router;
}
