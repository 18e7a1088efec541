import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import type { PowerPlatformEnvironment } from '../../src/domain/model';
import type { WorldHarness } from '../support/worldHarness';

// Shared by the lifecycle dialog tests: where they talk, the unified environments the Contoso world
// lacks (added at run time, the world file stays as it is), and readers for cards and invokes.

export const personal = { serviceUrl: 'https://smba.example/teams/', scope: 'personal' as const };
export const channel = { serviceUrl: 'https://smba.example/teams/', scope: 'channel' as const, conversationId: '19:ops@thread.tacv2' };

export const ENV = {
  prod: '00000000-0000-0000-0000-00000000f001',
  dev: '00000000-0000-0000-0000-00000000f003',
  test: '00000000-0000-0000-0000-00000000f004',
  perf: '00000000-0000-0000-0000-00000000f006',
  testDataverse: '00000000-0000-0000-0000-00000000b004',
  perfDataverse: '00000000-0000-0000-0000-00000000b015',
  unified: '00000000-0000-0000-0000-00000000b020',
  unifiedEurope: '00000000-0000-0000-0000-00000000b021',
};

function unified(id: string, displayName: string, geography: string, azureRegion: string, host: string): PowerPlatformEnvironment {
  return {
    id,
    displayName,
    sku: 'Sandbox',
    geography,
    azureRegion,
    hasDataverse: true,
    instanceUrl: `https://${host}.dynamics.com`,
    linkedApp: { id: `f0f0f0f0-0000-0000-0000-${id.slice(-12)}`, type: 'Internal', url: `https://${host}.operations.dynamics.com` },
    state: 'Ready',
    isInitialEnvironment: false,
    connections: [],
  };
}

/** Two unified environments: one in westus beside the linked ones, one in westeurope. */
export async function addUnifiedEnvironments(h: WorldHarness, westName = 'Contoso Unified Ops'): Promise<void> {
  await h.simulator.updateWorld((world) => {
    world.powerPlatformEnvironments.push(
      unified(ENV.unified, westName, 'unitedstates', 'westus', 'contoso-unified.crm'),
      unified(ENV.unifiedEurope, 'Contoso Unified EU', 'europe', 'westeurope', 'contoso-unified-eu.crm4'),
    );
  });
}

export type Card = { body?: unknown[]; actions?: unknown[]; [key: string]: unknown };

export function cardOf(activity: Partial<Activity> | undefined): Card {
  const content = activity?.attachments?.[0]?.content as Card | undefined;
  assert.ok(content, `no card in ${JSON.stringify(activity)}`);
  return content;
}

export function lastCard(replies: Partial<Activity>[]): Card {
  return cardOf([...replies].reverse().find((a) => a.type === 'message' && a.attachments?.length));
}

/** Every TextBlock text and fact of a card, in order. */
export function textsOf(card: Card): string[] {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'TextBlock' && typeof record.text === 'string') texts.push(record.text);
    if (typeof record.title === 'string' && typeof record.value === 'string') texts.push(`${record.title}: ${record.value}`);
    Object.values(record).forEach(walk);
  };
  walk(card.body);
  return texts;
}

export function allText(card: Card): string {
  return textsOf(card).join('\n');
}

export interface FoundAction {
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

/** Every Action.Execute of a card, wherever it sits (card actions or ActionSets in the body). */
export function actionsOf(card: Card): FoundAction[] {
  const found: FoundAction[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Execute') found.push({ title: String(record.title), verb: String(record.verb), data: record.data as Record<string, unknown> });
    Object.values(record).forEach(walk);
  };
  walk([card.body, card.actions]);
  return found;
}

export function actionOf(card: Card, verb: string, title?: string): FoundAction {
  const action = actionsOf(card).find((a) => a.verb === verb && (title === undefined || a.title === title));
  assert.ok(action, `no ${verb}${title ? ` "${title}"` : ''} action on: ${allText(card)}`);
  return action;
}

/** The body of an Action.Execute answer: a card (`type` adaptive) or a message string. */
export function invokeBody(replies: Partial<Activity>[]): { type: string; value: any } {
  const response = replies.find((a) => a.type === 'invokeResponse');
  assert.ok(response, 'no invoke response');
  return (response.value as { body: { type: string; value: any } }).body;
}

export function invokeCard(replies: Partial<Activity>[]): Card {
  const body = invokeBody(replies);
  assert.equal(body.type, 'application/vnd.microsoft.card.adaptive', `expected a card, got: ${JSON.stringify(body.value)}`);
  return body.value as Card;
}

export function invokeMessage(replies: Partial<Activity>[]): string {
  const body = invokeBody(replies);
  assert.equal(body.type, 'application/vnd.microsoft.activity.message', `expected a message, got a card: ${allText(body.value)}`);
  return body.value as string;
}
