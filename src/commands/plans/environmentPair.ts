import { classifyLink, type LinkType } from '../../domain/lifecycle/linkType';
import { sameId } from '../../domain/ids';
import { planContextFor } from '../../domain/lifecycle/operationPlan';
import type { PlanContext } from '../../domain/lifecycle/planTypes';
import type { LifecyclePort } from '../../domain/ports/lifecyclePort';
import type { FnoEnvironment, PowerPlatformEnvironment } from '../../domain/model';
import { findFnoEnvironment, findPowerPlatformEnvironment, type Lookup } from '../environmentLookup';

// What the lifecycle rules need to know about the environment an admin names: its F&O half, its
// Power Platform half (either may be missing) and how the two are tied. The link is read from the
// Power Platform side, because that is where PPAC records it.

export interface EnvironmentPair {
  fno: FnoEnvironment | null;
  pp: PowerPlatformEnvironment | null;
  link: LinkType;
  /** The name admins know it by: the LCS name, or the Power Platform name of a unified environment. */
  name: string;
  /** What cards carry to find it again: the LCS id, or the Power Platform id when there is no LCS side. */
  key: string;
}

/** A pair with both halves present (linked or not); the paired checklist needs both. */
export type TwoHalves = EnvironmentPair & { fno: FnoEnvironment; pp: PowerPlatformEnvironment };

export function hasBothHalves(pair: EnvironmentPair): pair is TwoHalves {
  return pair.fno !== null && pair.pp !== null;
}

function pairOf(fno: FnoEnvironment | null, pp: PowerPlatformEnvironment | null): EnvironmentPair {
  const name = fno?.name ?? pp?.displayName;
  const key = fno?.id ?? pp?.id;
  if (name === undefined || key === undefined) throw new Error('an environment pair needs at least one half');
  return { fno, pp, link: classifyLink(fno, pp), name, key };
}

/** The Power Platform half of an F&O environment: the one whose linkedApp points at it, Dataverse first. */
function powerPlatformHalf(fno: FnoEnvironment, pps: PowerPlatformEnvironment[]): PowerPlatformEnvironment | null {
  const pointing = pps.filter((pp) => pp.linkedApp && sameId(pp.linkedApp.id, fno.id));
  return pointing.find((pp) => pp.hasDataverse) ?? pointing[0] ?? null;
}

async function pairOfPowerPlatform(port: LifecyclePort, pp: PowerPlatformEnvironment): Promise<EnvironmentPair> {
  const fno = pp.linkedApp?.type === 'Linked' ? await port.getFnoEnvironment(pp.linkedApp.id) : null;
  return pairOf(fno, pp);
}

/**
 * Finds an environment by LCS name or id first, then by Power Platform name or id (the only names a
 * unified environment has).
 */
export async function findEnvironmentPair(port: LifecyclePort, text: string): Promise<Lookup<EnvironmentPair>> {
  const fno = await findFnoEnvironment(port, text);
  if ('found' in fno) return { found: pairOf(fno.found, powerPlatformHalf(fno.found, await port.listPowerPlatformEnvironments())) };
  const pp = await findPowerPlatformEnvironment(port, text);
  if ('found' in pp) return { found: await pairOfPowerPlatform(port, pp.found) };
  return { problem: `${fno.problem} A unified environment goes by its name in the Power Platform admin center.` };
}

/** Every environment the lifecycle questions apply to: each LCS environment and each unified one. */
export async function listEnvironmentPairs(port: LifecyclePort): Promise<EnvironmentPair[]> {
  const [fnos, pps] = await Promise.all([port.listFnoEnvironments(), port.listPowerPlatformEnvironments()]);
  return pairsOf(fnos, pps);
}

/** The pairs in lists already read, the same way the lookups pair them. */
export function pairsOf(fnos: readonly FnoEnvironment[], pps: PowerPlatformEnvironment[]): EnvironmentPair[] {
  return [
    ...fnos.map((fno) => pairOf(fno, powerPlatformHalf(fno, pps))),
    ...pps.filter((pp) => pp.linkedApp?.type === 'Internal').map((pp) => pairOf(null, pp)),
  ];
}

/** Both halves as they are now (and the source pair's), which the rules read beyond the link type. */
export function planContextOf(pair: EnvironmentPair, source?: EnvironmentPair): PlanContext {
  return planContextFor(pair.fno, pair.pp, source ? { fno: source.fno, pp: source.pp } : undefined);
}

const LINK_WORDS: Record<LinkType, string> = {
  linked: 'linked',
  unified: 'unified',
  'not-linked': 'not linked',
  'cloud-hosted': 'cloud-hosted',
};

/** Short label for choice lists: "contoso-test · linked". */
export function pairLabel(pair: EnvironmentPair): string {
  return `${pair.name} · ${LINK_WORDS[pair.link]}`;
}

/** One sentence saying what the bot found, so the admin can tell whether the answer fits. */
export function describeLink(pair: EnvironmentPair): string {
  const { fno, pp } = pair;
  switch (pair.link) {
    case 'linked':
      return `Linked through the Power Platform integration: F&O ${fno?.name ?? pp?.linkedApp?.id} ↔ Dataverse ${pp?.displayName}${pp?.instanceUrl ? ` (${pp.instanceUrl})` : ''}. The two halves count as one environment.`;
    case 'unified':
      return `Unified: finance and operations runs as an app inside the Power Platform environment ${pp?.displayName} (${pp?.azureRegion}). There is no LCS side.`;
    case 'cloud-hosted':
      return `Cloud-hosted or DevTest: ${pair.name} runs where LCS cannot move its database${pp ? `; its Power Platform environment is ${pp.displayName}` : ', and no Power Platform environment is tied to it'}.`;
    case 'not-linked':
      return `Not linked: ${pair.name} has no Dataverse environment joined through the Power Platform integration${pp?.isInitialEnvironment ? ` (${pp.displayName} is its initial environment, still without Dataverse)` : ''}.`;
  }
}
