import type { PowerPlatformEnvironment } from '../../../domain/model';
import type { BapEnvironment } from '../bap/bapSchemas';

// A BAP environment as the port describes it. The effective state follows the BAP-tools rule:
// `states.management.id`, or Dataverse's `instanceState` when management says NotSpecified.

function effectiveState(environment: BapEnvironment): string {
  const management = environment.properties.states?.management?.id;
  const instance = environment.properties.linkedEnvironmentMetadata?.instanceState;
  if (management && management !== 'NotSpecified') return management;
  return instance ?? management ?? 'NotSpecified';
}

export function toPowerPlatformEnvironment(environment: BapEnvironment): PowerPlatformEnvironment {
  const p = environment.properties;
  const instanceUrl = p.linkedEnvironmentMetadata?.instanceUrl?.replace(/\/+$/, '') || null;
  // A link without an id says nothing usable; one without a type or url keeps what it has.
  const link = p.linkedAppMetadata;
  const linkedApp = link?.id ? { id: link.id, type: link.type ?? 'NotSpecified', url: link.url ?? '' } : null;
  const disallowed = p.lifecycleOperationsEnforcement?.disallowedOperations ?? [];
  return {
    id: environment.name,
    displayName: p.displayName,
    sku: p.environmentSku ?? 'NotSpecified',
    geography: environment.location,
    azureRegion: p.azureRegion ?? '',
    hasDataverse: instanceUrl !== null,
    instanceUrl,
    linkedApp,
    state: effectiveState(environment),
    // No API flag marks the environment LCS created; while it has no Dataverse, an LCS link on it
    // can only come from that creation (setup adds Dataverse, linking an existing one moves the link).
    isInitialEnvironment: linkedApp?.type === 'Linked' && instanceUrl === null,
    // Dual-write and virtual-entity connections are not exposed by any public API.
    connections: [],
    forbiddenOperations: disallowed.map((entry) => ({
      operation: entry.type.id,
      reason: entry.reason?.message ?? `The environment does not allow ${entry.type.id} operations${entry.reason?.type ? ` (${entry.reason.type})` : ''}.`,
    })),
  };
}
