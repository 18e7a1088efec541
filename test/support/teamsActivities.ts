import { randomUUID } from 'node:crypto';

// Factories for activities shaped the way Teams sends them (personal chat, channel, installs,
// Action.Execute invokes). The ids follow Teams' formats so the bot's parsing is exercised for real.

export const TENANT_ID = '11111111-1111-1111-1111-111111111111';
export const BOT_ID = '28:ppi-assistant-bot';

export interface TestUser {
  aadObjectId: string;
  name: string;
}

export interface Where {
  serviceUrl: string;
  /** personal: one chat per user; channel: the channel thread id. */
  scope: 'personal' | 'channel' | 'groupChat';
  conversationId?: string;
}

function conversationFor(where: Where, user: TestUser) {
  if (where.scope === 'channel') {
    const id = where.conversationId ?? '19:ops-channel@thread.tacv2';
    return { conversation: { id, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID }, channelData: { tenant: { id: TENANT_ID }, team: { id: '19:team-general@thread.tacv2', aadGroupId: '22222222-2222-2222-2222-222222222222' }, channel: { id } } };
  }
  if (where.scope === 'groupChat') {
    const id = where.conversationId ?? '19:group-chat@thread.v2';
    return { conversation: { id, conversationType: 'groupChat', isGroup: true, tenantId: TENANT_ID }, channelData: { tenant: { id: TENANT_ID } } };
  }
  const id = where.conversationId ?? `a:personal-${user.aadObjectId}`;
  return { conversation: { id, conversationType: 'personal', tenantId: TENANT_ID }, channelData: { tenant: { id: TENANT_ID } } };
}

function base(where: Where, user: TestUser) {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: where.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:${user.aadObjectId}`, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: BOT_ID, name: 'PPI Assistant' },
    locale: 'en-US',
    ...conversationFor(where, user),
  };
}

export function message(where: Where, user: TestUser, text: string, value?: unknown) {
  const textInChannel = where.scope === 'personal' ? text : `<at>PPI Assistant</at> ${text}`;
  return { ...base(where, user), type: 'message', text: textInChannel, textFormat: 'plain', ...(value ? { value } : {}) };
}

/** An Action.Submit click: a message activity whose value is the card data. */
export function submit(where: Where, user: TestUser, data: Record<string, unknown>, replyToId?: string) {
  return { ...base(where, user), type: 'message', value: data, ...(replyToId ? { replyToId } : {}) };
}

/** An Action.Execute click; `replyToId` is the message whose card was pressed, as Teams sends it. */
export function execute(where: Where, user: TestUser, verb: string, data: Record<string, unknown>, replyToId?: string) {
  return {
    ...base(where, user),
    ...(replyToId ? { replyToId } : {}),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', id: randomUUID(), verb, data }, trigger: 'manual' },
  };
}

export function installationUpdate(where: Where, user: TestUser, action: 'add' | 'remove') {
  return { ...base(where, user), type: 'installationUpdate', action };
}
