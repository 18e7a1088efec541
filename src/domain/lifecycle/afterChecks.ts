// Things to do around an operation that no portal does for you: realigning code between the two
// halves and checking the features that ride on the link. Ids are stable because paired plans
// store tick marks against them.

export type AfterCheckId =
  | 'rehearse-in-sandbox'
  | 'record-backup-pair'
  | 'realign-dataverse-solutions'
  | 'realign-fno-package-point-in-time'
  | 'realign-fno-package-from-source'
  | 'check-dual-write'
  | 'check-virtual-entities'
  | 'check-business-events'
  | 'verify-link'
  | 'check-linking-mismatch'
  | 'delete-leftover-dataverse'
  | 'check-orphaned-connections';

/** `before` items belong ahead of the operation; the rest follow it. */
export type AfterCheckGroup = 'before' | 'realignment' | 'post-check';

export interface AfterCheck {
  id: AfterCheckId;
  group: AfterCheckGroup;
  text: string;
}

const CHECKS: Record<AfterCheckId, Omit<AfterCheck, 'id'>> = {
  'rehearse-in-sandbox': {
    group: 'before',
    text: 'Try the whole sequence on a sandbox pair first, then repeat it on production with the timings you learned.',
  },
  'record-backup-pair': {
    group: 'post-check',
    text: 'Note the PPAC backup label and the LCS export name side by side with the moment they share, so a later restore picks the two that belong together.',
  },
  'realign-dataverse-solutions': {
    group: 'realignment',
    text: 'Code realignment, option 1: install again in the Dataverse environment the solutions it had before this operation, because a PPAC restore or copy brings back code as well as data while LCS moves only the database.',
  },
  'realign-fno-package-point-in-time': {
    group: 'realignment',
    text: 'Code realignment, option 2: deploy to the F&O environment the code package that was running at the point in time you went back to.',
  },
  'realign-fno-package-from-source': {
    group: 'realignment',
    text: 'Code realignment, option 2: deploy to the target F&O environment the code package that the source environment runs.',
  },
  'check-dual-write': {
    group: 'post-check',
    text: 'Dual-write: if it is used, stop the maps, unlink, clear DualWriteProjectConfiguration, DualWriteProjectFieldConfiguration and BusinessEventsDefinition in F&O and the Dual Write Runtime Configurations in Dataverse, then reset or link again. Microsoft no longer relinks it through support tickets.',
  },
  'check-virtual-entities': {
    group: 'post-check',
    text: 'Virtual entities: open a few of them from Dataverse and confirm they return F&O data from this environment, not from the source.',
  },
  'check-business-events': {
    group: 'post-check',
    text: 'Business and data events: check that the endpoints and activated events are the ones this environment should have, and that events arrive.',
  },
  'verify-link': {
    group: 'post-check',
    text: 'Verify the link: the Dataverse environment must still report this F&O environment id. PPAC can keep showing the old link under a copied environment for a while, so trust the verification, not the page.',
  },
  'check-linking-mismatch': {
    group: 'post-check',
    text: 'Look for the linking-mismatch warning in LCS: dual-write and virtual entities must point at the linked Dataverse environment, not at another one.',
  },
  'delete-leftover-dataverse': {
    group: 'post-check',
    text: 'The Dataverse environment is still there, now without a link. Delete it in PPAC if nobody needs it, so it stops using capacity.',
  },
  'check-orphaned-connections': {
    group: 'post-check',
    text: 'Any Dataverse environment that used dual-write or virtual entities with the deleted F&O environment loses that connection: stop or re-point it.',
  },
};

export function afterCheck(id: AfterCheckId): AfterCheck {
  return { id, ...CHECKS[id] };
}

/** The checks that follow any paired move of data (restore, copy, import) between linked halves. */
export const DEPENDENT_FEATURE_CHECKS: readonly AfterCheckId[] = [
  'check-dual-write',
  'check-virtual-entities',
  'check-business-events',
  'verify-link',
  'check-linking-mismatch',
];
