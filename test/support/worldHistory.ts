import type { World } from '../../src/adapters/simulator/worldSchema';

/**
 * The world with `count` more finished operations in its history (backups of its first Dataverse
 * environment, one a minute going back), for tests and benchmarks of a simulator that has run for long.
 */
export function withHistory(world: World, count: number): World {
  const environment = world.powerPlatformEnvironments.find((pp) => pp.hasDataverse);
  if (!environment) throw new Error(`world ${world.id} has no Dataverse environment to back up`);
  const history: World['operations'] = Array.from({ length: count }, (_, i) => ({
    id: `history-${String(i).padStart(6, '0')}`,
    kind: 'Backup',
    status: 'Succeeded',
    fnoEnvironmentId: null,
    ppEnvironmentId: environment.id,
    requestedBy: world.users[0].objectId,
    createdAt: `-${count - i + 60}m`,
    parameters: { label: `nightly ${i}` },
  }));
  return { ...world, operations: [...world.operations, ...history] };
}
