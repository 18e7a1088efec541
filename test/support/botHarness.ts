import { ActivityTypes, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { DialogRunner } from '../../src/teams/dialogs/dialogRunner';
import { Router } from '../../src/commands/router';
import { RoleDirectory, type RoleAssignments } from '../../src/domain/roles';
import { createLogger } from '../../src/logger';
import type { Store } from '../../src/storage/port';
import { openSqliteStore } from '../../src/storage/sqlite/openSqliteStore';
import { PpiBot } from '../../src/teams/bot';

export interface BotHarness {
  adapter: TestAdapter;
  store: Store;
  router: Router;
  /**
   * Sends one activity through the real bot and returns what it replied in that turn, with
   * in-place updates applied (an updated card appears as its final version, flagged `updated`).
   */
  send(activity: object): Promise<Reply[]>;
  /** Every send and update of every turn, in order, as first sent (before later updates). */
  log: { kind: 'send' | 'update'; activity: Partial<Activity> }[];
  close(): Promise<void>;
}

export type Reply = Partial<Activity> & { updated?: boolean };

/**
 * The real PpiBot on botbuilder's TestAdapter with an in-memory SQLite store. Feature commands and
 * actions are registered on `router` by the caller.
 */
export async function createBotHarness(
  roles: RoleAssignments,
  setup: (store: Store, dialogs: DialogRunner) => Router | Promise<Router> = () => new Router(),
  moreRoles?: () => RoleAssignments,
): Promise<BotHarness> {
  const store = await openSqliteStore({ url: ':memory:' });
  const dialogs = new DialogRunner(store.botState);
  const router = await setup(store, dialogs);
  const directory = moreRoles ? new RoleDirectory(roles, moreRoles()) : new RoleDirectory(roles);
  const bot = new PpiBot({ store, roles: directory, router, dialogs, logger: createLogger('silent') });
  const log: BotHarness['log'] = [];
  let nextId = 1;
  // Each turn records its own replies, so concurrent turns do not mix their answers.
  const runTurn = async (context: TurnContext, replies: Reply[]) => {
    context.onSendActivities(async (_ctx, activities, next) => {
      const sent = activities.map((a) => ({ ...a, id: a.id ?? `reply-${nextId++}` }));
      for (const a of sent) {
        log.push({ kind: 'send', activity: structuredClone(a) });
        if (a.type !== ActivityTypes.Typing) replies.push(a);
      }
      await next();
      return sent.map((a) => ({ id: a.id! }));
    });
    context.onUpdateActivity(async (_ctx, activity, next) => {
      log.push({ kind: 'update', activity: structuredClone(activity) });
      const index = replies.findIndex((r) => r.id === activity.id);
      if (index >= 0) replies[index] = { ...replies[index], ...activity, updated: true };
      await next();
    });
    await bot.run(context);
  };
  const adapter = new TestAdapter();
  return {
    adapter,
    store,
    router,
    log,
    async send(activity) {
      const replies: Reply[] = [];
      await adapter.processActivity({ channelId: 'msteams', ...activity } as Partial<Activity>, (context) => runTurn(context, replies));
      return replies;
    },
    close: () => store.close(),
  };
}
