import type { ClaimedMessage } from '../storage/port';

// What to send of one conversation's queue, and in which order. Pure.
//
// - Coalescing: a card is edited in place, so only its latest state matters; earlier states still
//   queued are superseded (during a fan-out, a channel gets 3 messages instead of 5).
// - Posts before updates: new messages (completion notices, first cards) notify people; in-place
//   updates are quiet. Within a pass the dispatcher sends every conversation's posts before any
//   conversation's updates, so under the tenant's rate limit the last notice goes out as early as it can.
// - Oldest first within each group, so notices keep their order.

export interface QueuePlan {
  superseded: ClaimedMessage[];
  posts: ClaimedMessage[];
  updates: ClaimedMessage[];
}

export function planQueue(messages: readonly ClaimedMessage[]): QueuePlan {
  const latestByCard = new Map<string, ClaimedMessage>();
  for (const message of messages) {
    if (message.updateKey === null) continue;
    const latest = latestByCard.get(message.updateKey);
    if (!latest || message.id > latest.id) latestByCard.set(message.updateKey, message);
  }
  const plan: QueuePlan = { superseded: [], posts: [], updates: [] };
  for (const message of [...messages].sort((a, b) => a.id - b.id)) {
    if (message.updateKey === null) plan.posts.push(message);
    else if (latestByCard.get(message.updateKey) !== message) plan.superseded.push(message);
    else if (message.cardActivityId) plan.updates.push(message);
    else plan.posts.push(message);
  }
  return plan;
}
