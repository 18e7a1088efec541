import type { LifecyclePort } from '../lifecycle/port';
import type { Store } from '../storage/port';
import { auditCommand } from './auditDialog';
import { helpCommand } from './helpDialog';
import { Router } from './router';
import { statusCommand, verifyCommand } from './statusDialog';
import { subscriptionCommands } from './subscriptionDialog';

export interface DialogDependencies {
  port: LifecyclePort;
  store: Store;
}

/** Every command and card action the bot understands, in the order the help card lists them. */
export function buildRouter(deps: DialogDependencies): Router {
  const router = new Router();
  router.addCommand(helpCommand(router));
  router.addCommand(statusCommand(deps.port));
  router.addCommand(verifyCommand(deps.port));
  router.addCommand(auditCommand(deps.store));
  for (const command of subscriptionCommands(deps.port, deps.store)) router.addCommand(command);
  return router;
}
