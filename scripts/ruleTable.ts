import { writeFileSync } from 'node:fs';
import { fnoTypeWords, ppTypeWords, type FnoHalf, type PpHalf } from '../src/domain/lifecycle/halves';
import { classifyLink, type LinkType } from '../src/domain/lifecycle/linkType';
import { planContextFor, planOperation } from '../src/domain/lifecycle/operationPlan';
import { LIFECYCLE_OPERATIONS, LIFECYCLE_OPERATION_LABELS, type LifecycleOperation } from '../src/domain/lifecycle/operations';
import type { Verdict } from '../src/domain/lifecycle/planTypes';
import { fromRoot } from '../src/projectRoot';

// docs/rules.md, generated from the lifecycle rules themselves so an F&O expert can review every
// answer on one page: each operation against each link state and environment type, with the
// verdict and the reason the bot gives. `npm run docs:rules` rewrites it; a test fails while the
// committed page differs from what the rules say.

export const RULE_TABLE_PATH = fromRoot('docs', 'rules.md');

interface State {
  fno: FnoHalf | null;
  pp: PpHalf | null;
}

const FNO_ID = 'lcs-env-id';

function fno(type: FnoHalf['type'], extra: Partial<FnoHalf> = {}): FnoHalf {
  return { name: 'lcs-env', type, cloudHosted: false, azureRegion: 'westus', ...(type === 'Sandbox' ? { sandboxTier: 2 } : {}), ...extra };
}

function pp(sku: PpHalf['sku'], hasDataverse: boolean, linkedApp: PpHalf['linkedApp'], isInitialEnvironment = false): PpHalf {
  return { displayName: 'pp-env', sku, hasDataverse, geography: 'unitedstates', isInitialEnvironment, linkedApp };
}

const LINKED_APP = { id: FNO_ID, type: 'Linked', url: 'https://lcs-env.operations.dynamics.com' } as const;
const UNIFIED_APP = { id: 'unified-app', type: 'Internal', url: 'https://pp-env.operations.dynamics.com' } as const;

/** Every combination of link state and environment types the rules tell apart. */
const STATES: State[] = [
  ...(['Production', 'Sandbox'] as const).flatMap((fnoType) =>
    (['Production', 'Sandbox'] as const).map((sku) => ({ fno: fno(fnoType), pp: pp(sku, true, LINKED_APP, true) })),
  ),
  ...(['Production', 'Sandbox'] as const).flatMap((fnoType) => [
    { fno: fno(fnoType), pp: pp(fnoType, false, LINKED_APP, true) },
    { fno: fno(fnoType), pp: pp('Sandbox', true, null) },
    { fno: fno(fnoType), pp: pp('Production', true, null) },
    { fno: fno(fnoType), pp: null },
  ]),
  { fno: fno('DevTest', { cloudHosted: true }), pp: pp('Sandbox', true, LINKED_APP) },
  { fno: fno('DevTest', { cloudHosted: true }), pp: pp('Production', true, LINKED_APP) },
  { fno: fno('DevTest', { cloudHosted: true }), pp: null },
  { fno: null, pp: pp('Production', true, UNIFIED_APP) },
  { fno: null, pp: pp('Sandbox', true, UNIFIED_APP) },
];

/** Copy, refresh and import of a linked pair are answered with a linked source in the same geography. */
const LINKED_SOURCE = {
  fno: { ...fno('Sandbox'), name: 'source-lcs-env' },
  pp: { ...pp('Sandbox', true, { ...LINKED_APP, id: 'source-id' }), displayName: 'source-pp-env' },
};
const TAKES_SOURCE: ReadonlySet<LifecycleOperation> = new Set(['copy', 'refresh', 'import']);

const LINK_WORDS: Record<LinkType, string> = { linked: 'linked', unified: 'unified', 'not-linked': 'not linked', 'cloud-hosted': 'cloud-hosted' };
const VERDICT_WORDS: Record<Verdict, string> = { allowed: 'allowed', paired: 'paired (both halves)', 'not-recommended': 'not recommended', blocked: 'blocked' };

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function halfWords(state: State): { fno: string; pp: string } {
  return {
    fno: state.fno ? fnoTypeWords(state.fno) : 'none',
    pp: state.pp ? `${ppTypeWords(state.pp)}${state.pp.isInitialEnvironment ? ', initial environment' : ''}` : 'none',
  };
}

export function ruleTableMarkdown(): string {
  const rows: string[] = [];
  for (const operation of LIFECYCLE_OPERATIONS) {
    for (const state of STATES) {
      const link = classifyLink(state.fno, state.pp);
      const source = TAKES_SOURCE.has(operation) && link === 'linked' ? LINKED_SOURCE : undefined;
      const plan = planOperation(operation, link, planContextFor(state.fno, state.pp, source));
      const words = halfWords(state);
      const steps = plan.steps.map((step) => step.title).join('; ');
      rows.push(
        `| ${LIFECYCLE_OPERATION_LABELS[operation]} | ${LINK_WORDS[link]} | ${words.fno} | ${cell(words.pp)} | **${VERDICT_WORDS[plan.verdict]}** | ${cell(plan.reason)} | ${cell(steps || '—')} |`,
      );
    }
  }
  return [
    '# Lifecycle rules: every operation × link state × environment type',
    '',
    'Generated from `src/domain/lifecycle` by `npm run docs:rules`; do not edit by hand (a test compares this page with the rules).',
    '',
    'The F&O half is called `lcs-env`, the Power Platform half `pp-env`. A copy, refresh or import of a linked pair is answered with a',
    'linked sandbox source (`source-lcs-env` / `source-pp-env`) in the same geography. Verdicts: **allowed**; **paired**: only with both',
    'halves together; **not recommended**: possible but leaves the pair in a state Microsoft advises against; **blocked**: the portals',
    'refuse it or it does not exist for this kind of environment.',
    '',
    '| Operation | Link state | F&O half | Power Platform half | Verdict | Why | Steps |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

if (require.main === module) {
  writeFileSync(RULE_TABLE_PATH, ruleTableMarkdown());
  console.log(`Wrote ${RULE_TABLE_PATH}`);
}
