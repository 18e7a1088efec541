import { EnvironmentPickerDialog } from '../../src/teams/dialogs/environmentPickerDialog';
import { systemClock } from '../../src/clock';
import { buildRouter } from '../../src/commands/buildRouter';
import { ReadinessService } from '../../src/commands/readinessService';
import { TriageService } from '../../src/commands/triageService';
import { RoleDirectory } from '../../src/domain/roles';
import type { Operation, PersonRef } from '../../src/domain/model';
import { createSimulator, type LifecycleSimulator } from '../../src/adapters/simulator/simulator';
import { bundledWorldPath, loadWorldFile } from '../../src/adapters/simulator/worldSchema';
import { createBotHarness, type BotHarness } from './botHarness';

export const CAST = {
  priya: { aadObjectId: '00000000-0000-0000-0000-00000000a001', name: 'Priya Raman' },
  marcus: { aadObjectId: '00000000-0000-0000-0000-00000000a002', name: 'Marcus Lee' },
  dana: { aadObjectId: '00000000-0000-0000-0000-00000000a003', name: 'Dana Whitfield' },
  tomas: { aadObjectId: '00000000-0000-0000-0000-00000000a004', name: 'Tomás Ortega' },
  kai: { aadObjectId: '00000000-0000-0000-0000-00000000a005', name: 'Kai Jensen' },
  lena: { aadObjectId: '00000000-0000-0000-0000-00000000a006', name: 'Lena Fischer' },
  sam: { aadObjectId: '00000000-0000-0000-0000-00000000a007', name: 'Sam Carter' },
} as const;

export interface WorldHarness extends BotHarness {
  simulator: LifecycleSimulator;
  /** Operations the dialogs handed over for tracking, in order. */
  tracked: { operation: Operation; requester: PersonRef }[];
  /** Reports an operation's end to whatever the router registered with the tracker (the watcher's part). */
  ended(operation: Operation): Promise<void>;
}

/** The real bot with every command, on the simulator over a bundled world and an in-memory store. */
export async function createWorldHarness(world = 'contoso', timeScale = 100000): Promise<WorldHarness> {
  let simulator!: LifecycleSimulator;
  const tracked: WorldHarness['tracked'] = [];
  const endListeners: ((operation: Operation) => Promise<void>)[] = [];
  const harness = await createBotHarness({ admin: [], helpdesk: [], viewer: [] }, async (store, dialogs) => {
    simulator = await createSimulator({ world: loadWorldFile(bundledWorldPath(world)), documents: store.documents, timeScale });
    dialogs.add(new EnvironmentPickerDialog(simulator));
    return buildRouter({
      dialogs,
      readiness: new ReadinessService(simulator, store, systemClock),
      triage: new TriageService(simulator, store, systemClock),
      roles: new RoleDirectory(simulator.getWorldState().assistantRoles),
      kick: () => undefined,
      port: simulator,
      store,
      clock: systemClock,
      publicBaseUrl: 'http://localhost:3978',
      tracker: {
        track: async (operation, requester) => {
          tracked.push({ operation, requester });
          return 'none';
        },
        onEnded: (listener) => {
          endListeners.push(listener);
        },
      },
    });
  }, () => simulator.getWorldState().assistantRoles);
  const ended = async (operation: Operation) => {
    for (const listener of endListeners) await listener(operation);
  };
  return Object.assign(harness, { simulator, tracked, ended });
}
