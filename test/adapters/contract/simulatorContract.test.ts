import { createSimulator } from '../../../src/adapters/simulator/simulator';
import { BUNDLED_WORLD_PATH, loadWorldFile } from '../../../src/adapters/simulator/worldSchema';
import { MemoryDocuments } from '../memoryDocuments';
import { ManualClock } from './manualClock';
import { describePortContract } from './portContract';

// The simulator over the bundled Contoso world; its operations move with a clock the test advances.

const HOUR_MS = 3_600_000;

describePortContract('simulator', async () => {
  const clock = new ManualClock();
  const simulator = await createSimulator({ world: loadWorldFile(BUNDLED_WORLD_PATH), documents: new MemoryDocuments(), clock, timeScale: 10_000 });
  return {
    port: simulator,
    controls: {
      finishOperations: async () => clock.advance(HOUR_MS),
      completeIntegrationSetup: async () => clock.advance(HOUR_MS),
      failIntegrationSetup: async () => {
        let consumed = 0;
        await simulator.updateWorld((world) => {
          consumed = world.tenant.capacity.database.consumedMb;
          world.tenant.capacity.database.consumedMb = world.tenant.capacity.database.entitledMb;
        });
        clock.advance(HOUR_MS);
        // The update first lets the setup fail at Validate on the missing capacity, then gives it back.
        await simulator.updateWorld((world) => {
          world.tenant.capacity.database.consumedMb = consumed;
        });
      },
      close: async () => undefined,
    },
  };
});
