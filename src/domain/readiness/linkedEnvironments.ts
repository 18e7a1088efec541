import { sameId } from '../ids';
import type { DataverseConnection, FnoEnvironment, PowerPlatformEnvironment } from '../model';

// Which Power Platform environments an F&O environment is tied to, read from both sides: the LCS
// list on the F&O environment and the link and connections the admin center shows on each Power
// Platform environment. The fact gathering needs the linked one to know what to verify; the checks
// need all of them.

/** The environment already integrated with this F&O environment: linked to it and holding Dataverse. */
export function findLinkedEnvironment(
  fnoEnvironmentId: string,
  environments: readonly PowerPlatformEnvironment[],
): PowerPlatformEnvironment | null {
  return (
    environments.find(
      (pp) => pp.hasDataverse && pp.linkedApp?.type === 'Linked' && sameId(pp.linkedApp.id, fnoEnvironmentId),
    ) ?? null
  );
}

/** The environment LCS created with the F&O environment, while it still carries the F&O link. */
export function findInitialEnvironment(
  fnoEnvironmentId: string,
  environments: readonly PowerPlatformEnvironment[],
): PowerPlatformEnvironment | null {
  return environments.find((pp) => pp.isInitialEnvironment && sameId(pp.linkedApp?.id, fnoEnvironmentId)) ?? null;
}

export interface Tie {
  ppEnvironmentId: string;
  /** null when the environment is not in the admin center's list. */
  environment: PowerPlatformEnvironment | null;
  /** Dual-write / virtual-entity connections it has to the F&O environment (may be empty for an integration link). */
  kinds: DataverseConnection['kind'][];
}

/** Every Power Platform environment tied to the F&O environment by integration, dual-write or virtual entities. */
export function tiesOf(fno: FnoEnvironment, environments: readonly PowerPlatformEnvironment[]): Tie[] {
  // Keyed without case: LCS and the admin center may spell one environment's id differently.
  const ids = new Map(fno.linkedPowerPlatformEnvironmentIds.map((id) => [id.toLowerCase(), id]));
  for (const pp of environments) {
    if (pp.connections.some((connection) => sameId(connection.fnoEnvironmentId, fno.id)) && !ids.has(pp.id.toLowerCase())) ids.set(pp.id.toLowerCase(), pp.id);
  }
  return [...ids.values()].map((id) => {
    const environment = environments.find((pp) => sameId(pp.id, id)) ?? null;
    const kinds = (environment?.connections ?? [])
      .filter((connection) => sameId(connection.fnoEnvironmentId, fno.id))
      .map((connection) => connection.kind);
    return { ppEnvironmentId: id, environment, kinds: [...new Set(kinds)] };
  });
}

/** "Contoso Training CRM (id) through dual-write". */
export function describeTie(tie: Tie): string {
  const name = tie.environment ? `${tie.environment.displayName} (${tie.ppEnvironmentId})` : tie.ppEnvironmentId;
  if (tie.kinds.length === 0) return name;
  const how = tie.kinds.map((kind) => (kind === 'DualWrite' ? 'dual-write' : 'virtual entities')).join(' and ');
  return `${name} through ${how}`;
}
