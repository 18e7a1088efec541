import { LifecycleError } from './ports/lifecyclePort';
import type { FnoEnvironment, PowerPlatformEnvironment } from './model';

// What every adapter refuses before asking a service to start an operation, worded the same way
// whether the simulator or the real APIs are behind the port (the contract suite checks both).

/** Backups, restores and copies act on a Dataverse database; an environment without one has none. */
export function withDataverse(environment: PowerPlatformEnvironment, purpose: string): PowerPlatformEnvironment {
  if (!environment.hasDataverse) throw new LifecycleError('InvalidRequest', `${environment.displayName} has no Dataverse database to ${purpose}.`);
  return environment;
}

/** LCS moves databases only between tier-2+ sandboxes: not into production, not into tier-1 / cloud-hosted. */
export function lcsDatabaseTarget(environment: FnoEnvironment, action: string): FnoEnvironment {
  if (environment.type !== 'Sandbox') {
    throw new LifecycleError(
      'InvalidRequest',
      `LCS can ${action} only a tier-2 or higher sandbox; ${environment.name} is ${environment.type === 'Production' ? 'a production' : 'a tier-1 / cloud-hosted'} environment.`,
    );
  }
  return environment;
}
