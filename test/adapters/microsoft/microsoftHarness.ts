import { createMicrosoftAdapter, type MicrosoftAdapterOptions } from '../../../src/adapters/microsoft/createMicrosoftAdapter';
import type { MicrosoftLifecycleAdapter } from '../../../src/adapters/microsoft/microsoftAdapter';
import { loadMicrosoftConfig } from '../../../src/adapters/microsoft/microsoftConfig';
import { ManualClock } from '../contract/manualClock';
import { MemoryDocuments } from '../memoryDocuments';
import { startMicrosoftFakes, type MicrosoftFakes, type MicrosoftFakesOptions } from './fakes/microsoftFakes';

// The Microsoft adapter wired to a fresh set of fakes, with a clock the test moves and a sleep that
// only records how long it was asked to wait, so retries cost no time.

export const id = (suffix: string) => `00000000-0000-0000-0000-00000000${suffix}`;
export const PRIYA = { objectId: id('a001'), displayName: 'Priya Raman' };

export interface Harness {
  fakes: MicrosoftFakes;
  adapter: MicrosoftLifecycleAdapter;
  documents: MemoryDocuments;
  clock: ManualClock;
  /** Every wait the adapter asked for, in ms. */
  sleeps: number[];
  /** A second adapter over the same store and fakes: what a restart would build. */
  restart(): MicrosoftLifecycleAdapter;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  fakes?: MicrosoftFakesOptions;
  /** Settings laid over the fakes' (e.g. MICROSOFT_ENVIRONMENT_OPERATIONS_API). */
  env?: Record<string, string>;
  adapter?: Partial<Omit<MicrosoftAdapterOptions, 'config' | 'documents'>>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = new ManualClock();
  const fakes = await startMicrosoftFakes({ now: () => clock.now(), ...options.fakes });
  const documents = new MemoryDocuments();
  const sleeps: number[] = [];
  const build = () =>
    createMicrosoftAdapter({
      config: loadMicrosoftConfig({ ...fakes.env, ...options.env }, null),
      documents,
      userTokens: fakes.userTokens,
      clock,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
      ...options.adapter,
    });
  return { fakes, adapter: build(), documents, clock, sleeps, restart: build, stop: () => fakes.stop() };
}
