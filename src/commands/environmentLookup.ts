import type { LifecyclePort } from '../domain/ports/lifecyclePort';
import type { FnoEnvironment, PowerPlatformEnvironment } from '../domain/model';

export type Lookup<T> = { found: T } | { problem: string };

function normalise(text: string): string {
  return text.trim().replace(/^["'“”‘’]+|["'“”‘’]+$/g, '').toLowerCase();
}

function pick<T extends { id: string }>(
  items: T[],
  text: string,
  nameOf: (item: T) => string,
  what: string,
  listHint: string,
): Lookup<T> {
  const wanted = normalise(text);
  if (!wanted) return { problem: `Name the ${what}: ${listHint}.` };
  const exact = items.filter((i) => i.id.toLowerCase() === wanted || nameOf(i).toLowerCase() === wanted);
  if (exact.length === 1) return { found: exact[0] };
  const partial = items.filter((i) => nameOf(i).toLowerCase().includes(wanted));
  if (exact.length === 0 && partial.length === 1) return { found: partial[0] };
  const candidates = exact.length > 1 ? exact : partial;
  if (candidates.length > 1) {
    return { problem: `"${text.trim()}" fits several ${what}s: ${candidates.map((c) => `${nameOf(c)} (${c.id})`).join(', ')}. Use the id.` };
  }
  return { problem: `I found no ${what} called "${text.trim()}". ${listHint[0].toUpperCase()}${listHint.slice(1)}.` };
}

/** Picks an F&O environment by LCS id or name (exact first, then a unique partial match). */
export function pickFnoEnvironment(all: FnoEnvironment[], text: string): Lookup<FnoEnvironment> {
  return pick(all, text, (e) => e.name, 'finance and operations environment', `known ones are ${all.map((e) => e.name).join(', ')}`);
}

/** Picks a Power Platform environment by id or display name. */
export function pickPowerPlatformEnvironment(all: PowerPlatformEnvironment[], text: string): Lookup<PowerPlatformEnvironment> {
  return pick(all, text, (e) => e.displayName, 'Power Platform environment', `type **status** to see the environments`);
}

/** Finds an F&O environment by LCS id or name (exact first, then a unique partial match). */
export async function findFnoEnvironment(port: LifecyclePort, text: string): Promise<Lookup<FnoEnvironment>> {
  return pickFnoEnvironment(await port.listFnoEnvironments(), text);
}

/** Finds a Power Platform environment by id or display name. */
export async function findPowerPlatformEnvironment(port: LifecyclePort, text: string): Promise<Lookup<PowerPlatformEnvironment>> {
  return pickPowerPlatformEnvironment(await port.listPowerPlatformEnvironments(), text);
}
