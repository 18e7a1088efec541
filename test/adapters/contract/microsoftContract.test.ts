import { FAILURE_GRACE_MS } from '../../../src/adapters/microsoft/operations/setupWatch';
import { lcsBeginsSetup, lcsCompletesSetup, lcsFailsSetup } from '../microsoft/fakes/fakeTenant';
import { startHarness } from '../microsoft/microsoftHarness';
import { describePortContract } from './portContract';

// The Microsoft adapter against the fake APIs, seeded from the same Contoso world. Operations end
// when the fake services say so; an integration setup happens as LCS would run it: the target shows
// Preparing, then Dataverse with the F&O link, which Dataverse then confirms.

describePortContract('microsoft (fake Microsoft APIs)', async () => {
  const harness = await startHarness();
  const { adapter, fakes, clock } = harness;
  const state = fakes.state;
  return {
    port: adapter,
    controls: {
      finishOperations: async () => {
        for (const operation of state.operations) if (operation.state !== 'Succeeded' && operation.state !== 'Failed') operation.pollsLeft = 1;
        for (const activity of state.lcsActivities) activity.statuses = ['Completed'];
      },
      completeIntegrationSetup: async (operation) => {
        lcsBeginsSetup(state, operation.ppEnvironmentId!);
        await adapter.getOperation(operation.id);
        lcsCompletesSetup(state, operation.fnoEnvironmentId!, operation.ppEnvironmentId!);
      },
      failIntegrationSetup: async (operation) => {
        lcsBeginsSetup(state, operation.ppEnvironmentId!);
        await adapter.getOperation(operation.id);
        lcsFailsSetup(state, operation.ppEnvironmentId!);
        await adapter.getOperation(operation.id);
        clock.advance(FAILURE_GRACE_MS + 60_000);
      },
      reportStatus: async (operation, status) => {
        const running = state.operations.filter((o) => o.environmentId === operation.ppEnvironmentId).at(-1)!;
        running.state = status;
        running.pollsLeft = 1_000;
      },
      close: () => harness.stop(),
    },
  };
});
