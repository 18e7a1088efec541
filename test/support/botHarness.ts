import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { Router } from '../../src/dialogs/router';
import { RoleDirectory, type RoleAssignments } from '../../src/domain/roles';
import { createLogger } from '../../src/logger';
import type { Store } from '../../src/storage/port';
import { openSqliteStore } from '../../src/storage/sqlite/openSqliteStore';
import { PpiBot } from '../../src/teams/bot';

export interface BotHarness {
  adapter: TestAdapter;
  store: Store;
  router: Router;
  /** Sends one activity through the real bot and returns what it replied. */
  send(activity: object): Promise<Partial<Activity>[]>;
  close(): Promise<void>;
}

/**
 * The real PpiBot on botbuilder's TestAdapter with an in-memory SQLite store. Feature commands and
 * actions are registered on `router` by the caller.
 */
export async function createBotHarness(
  roles: RoleAssignments,
  setup: (store: Store) => Router | Promise<Router> = () => new Router(),
  moreRoles?: () => RoleAssignments,
): Promise<BotHarness> {
  const store = await openSqliteStore({ url: ':memory:' });
  const router = await setup(store);
  const directory = moreRoles ? new RoleDirectory(roles, moreRoles()) : new RoleDirectory(roles);
  const bot = new PpiBot({ store, roles: directory, router, logger: createLogger('silent') });
  const adapter = new TestAdapter(async (context) => bot.run(context));
  return {
    adapter,
    store,
    router,
    async send(activity) {
      const before = adapter.activeQueue.length;
      await adapter.processActivity({ channelId: 'msteams', ...activity } as Partial<Activity>);
      return adapter.activeQueue.splice(before).filter((a) => a.type !== ActivityTypes.Typing);
    },
    close: () => store.close(),
  };
}
