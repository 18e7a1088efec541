import type { FnoHalf, PpHalf } from './halves';

/** How an environment pair is tied together; the lifecycle rules differ for each. */
export type LinkType = 'linked' | 'unified' | 'not-linked' | 'cloud-hosted';

export const LINK_TYPES: readonly LinkType[] = ['linked', 'unified', 'not-linked', 'cloud-hosted'];

/**
 * Classifies an F&O / Power Platform environment pair for the lifecycle rules.
 *
 * - `cloud-hosted`: the F&O side is a DevTest or cloud-hosted (CHE) environment. Checked first,
 *   because LCS database movement does not reach these environments, so even a CHE that got a
 *   Dataverse environment at deployment cannot follow the paired linked-environment routine.
 * - `unified`: the Power Platform environment hosts F&O itself (`linkedApp.type` `Internal`); there
 *   is no LCS side at all.
 * - `linked`: the Power Platform environment has Dataverse and `linkedApp.type` `Linked`, i.e. an
 *   LCS environment linked through PPI. An initial environment without Dataverse also carries the
 *   F&O URL but is not linked yet (verification answers `0x80048d0b` there), so it is `not-linked`.
 *   The classification follows the Power Platform side: a Dataverse environment linked to a
 *   different F&O environment is still `linked`, because PPAC treats it as linked whatever the
 *   caller paired it with.
 * - `not-linked`: everything else, including a missing Power Platform side (the link cannot be seen
 *   from LCS data alone).
 */
export function classifyLink(fno: FnoHalf | null, pp: PpHalf | null): LinkType {
  if (fno && (fno.cloudHosted || fno.type === 'DevTest')) return 'cloud-hosted';
  if (pp?.linkedApp?.type === 'Internal') return 'unified';
  if (pp?.hasDataverse && pp.linkedApp?.type === 'Linked') return 'linked';
  return 'not-linked';
}
