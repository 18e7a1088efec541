import { randomUUID } from 'node:crypto';
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { Caller, OutgoingMessage, Turn } from '../commands/turn';
import { scopeOf, toStoredConversation } from './conversationReference';
import { typedText } from './typedText';

// Builds our own Turn from botbuilder's TurnContext. Commands only ever see the Turn; the few parts of
// src/teams that need the botbuilder context behind a Turn (dialogs, sign-in) get it with contextOf.

const contexts = new WeakMap<Turn, TurnContext>();

function toActivity(message: OutgoingMessage | string): Partial<Activity> {
  if (typeof message === 'string') return { type: ActivityTypes.Message, text: message };
  return { type: ActivityTypes.Message, ...message };
}

export function createTurn(context: TurnContext, caller: Caller): Turn {
  const activity = context.activity;
  const turn: Turn = {
    caller,
    scope: scopeOf(activity),
    conversationId: toStoredConversation(activity).conversationId,
    correlationId: randomUUID(),
    text: typedText(activity),
    // A card action (Action.Execute invoke, or the Action.Submit fallback) names the card it came from.
    ...(activity.replyToId && (activity.type === ActivityTypes.Invoke || activity.value) ? { pressedCardId: activity.replyToId } : {}),
    reply: async (message) => ({ id: (await context.sendActivity(toActivity(message)))?.id ?? null }),
    update: async (activityId, message) => {
      await context.updateActivity({ ...toActivity(message), id: activityId });
    },
  };
  contexts.set(turn, context);
  return turn;
}

/** The botbuilder context a Turn was built from; only src/teams may need it. */
export function contextOf(turn: Turn): TurnContext {
  const context = contexts.get(turn);
  if (!context) throw new Error('this Turn was not built by createTurn');
  return context;
}
