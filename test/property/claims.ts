import assert from 'node:assert/strict';
import { fnoTypeWords, ppTypeWords } from '../../src/domain/lifecycle/halves';
import type { World } from './worlds';

// Readers for what an answer claims about the world, so a property can compare it with the world.

/** Every "name (F&O …)" and "name (Dataverse …)" claim in `text` must state the world's type. */
export function assertTypeClaims(world: World, text: string): void {
  for (const match of text.matchAll(/(\S+) \(F&O ([^)]*)\)/g)) {
    const fno = world.fnos.find((candidate) => candidate.name === match[1]);
    if (!fno) continue;
    assert.equal(match[2], fnoTypeWords(fno), `"${match[0]}" but ${fno.name} is ${fno.type}${fno.sandboxTier ? ` tier ${fno.sandboxTier}` : ''}${fno.cloudHosted ? ', cloud-hosted' : ''}`);
  }
  for (const match of text.matchAll(/(\S+) \(((?:Dataverse|Power Platform) [^)]*)\)/g)) {
    const pp = world.pps.find((candidate) => candidate.displayName === match[1]);
    if (!pp) continue;
    assert.equal(match[2], ppTypeWords(pp), `"${match[0]}" but ${pp.displayName} is ${pp.sku}${pp.hasDataverse ? ' with' : ' without'} Dataverse`);
  }
  // A type stated without naming the half is an assumption; the wrong answers of issue 10 read like this.
  assert.doesNotMatch(text, /\b(F&O|Dataverse) (half|side|environment) (stays|remains|is) (a )?(sandbox|production)\b/i);
}

/** The world's environment names that occur in `text` (names are generated so none contains another). */
export function namesIn(world: World, text: string): string[] {
  return [...world.fnos.map((fno) => fno.name), ...world.pps.map((pp) => pp.displayName)].filter((name) => text.includes(name));
}

/** "990 MB", "1.5 GB": every size shown, in megabytes, with whether it was rounded. */
export function sizesShown(text: string): { mb: number; rounded: boolean; raw: string }[] {
  return [...text.matchAll(/(-?\d+(?:\.\d+)?) (MB|GB)\b/g)].map((match) => ({
    mb: match[2] === 'GB' ? Number(match[1]) * 1024 : Number(match[1]),
    // "1 GB" without a decimal is a limit being quoted; world figures in GB carry one decimal.
    rounded: match[2] === 'GB' && match[1]!.includes('.'),
    raw: match[0],
  }));
}
