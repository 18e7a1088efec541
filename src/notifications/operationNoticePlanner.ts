import type { Clock } from '../clock';
import { renderCard, type AdaptiveCardAttachment } from '../cards/cardRenderer';
import { noticeCard } from '../cards/noticeCard';
import { OPERATION_LABELS } from '../domain/describe';
import type { LiveCardPlace, OperationTracker, PressedCard } from '../domain/ports/operationTracker';
import { operationAttachment, type OperationViewOptions } from '../cards/operationView';
import { LifecycleError, type LifecyclePort } from '../domain/ports/lifecyclePort';
import type { Operation, PersonRef, VerificationResult } from '../domain/model';
import type { Store, StoredConversation } from '../storage/port';
import type { OperationEvent } from './operationEvents';
import { THREAD_KEY_FIELD } from './sender';
import type { NotificationRecipients } from './subscriptions';

// Turns operation events into outbox messages: the operation's one card, updated in place in the
// requester's chat and every subscribed channel, plus a separate notice when it ends. Everything
// goes through the outbox with dedupe keys built from the event key, so a re-emitted event (after a
// crash) adds nothing twice.

export interface OperationNoticeDependencies {
  store: Store;
  port: LifecyclePort;
  recipients: NotificationRecipients;
  clock: Clock;
  /** Starts watching (durably) an operation; the watcher's `watch`. */
  watch(operation: Operation, requestedBy: string): Promise<boolean>;
  /** Lets queued messages go out at once instead of on the next tick. */
  kick(): void;
  /** Likely cause and fix of a failed operation, when triage can tell. */
  adviseOnFailure?(operation: Operation): Promise<OperationViewOptions['failureAdvice']>;
}

/** The outbox update key of an operation's one card in each conversation. */
function operationCardKey(operationId: string): string {
  return `operation:${operationId}`;
}

/** The outbox update key of a channel's first post about an operation (the thread it starts). */
function operationThreadKey(operationId: string): string {
  return `operation:${operationId}:thread`;
}

function activityOf(card: AdaptiveCardAttachment, summary: string): Record<string, unknown> {
  return { type: 'message', summary, attachments: [card] };
}

export class OperationNoticePlanner implements OperationTracker {
  private readonly endListeners: ((operation: Operation) => Promise<void>)[] = [];

  constructor(private readonly deps: OperationNoticeDependencies) {}

  onEnded(listener: (operation: Operation) => Promise<void>): void {
    this.endListeners.push(listener);
  }

  /**
   * Called by dialogs after a start or resume: watch it and post its card at once. A pressed card
   * becomes the operation's live card in its conversation unless that conversation already has one.
   */
  async track(operation: Operation, requester: PersonRef, pressed?: PressedCard): Promise<LiveCardPlace> {
    const place = pressed ? await this.adopt(operation, pressed) : 'none';
    await this.deps.watch(operation, requester.objectId);
    // Channels hear who started (or resumed) what before the live card starts moving.
    const announcement = (environmentName: string, conversation: StoredConversation) =>
      conversation.scope === 'personal'
        ? null
        : renderCard(noticeCard, {
            title: `${requester.displayName || 'An admin'} ${operation.status === 'Queued' ? 'started' : 'resumed'} the ${OPERATION_LABELS[operation.kind] ?? operation.kind} of ${environmentName}`,
            paragraphs: [
              conversation.scope === 'channel'
                ? 'Its live card and the notice when it ends follow as replies to this post.'
                : 'The card below follows it until it ends.',
            ],
            footnote: `Operation ${operation.id}`,
          });
    await this.post(operation, requester.objectId, `track:${operation.id}:${operation.status}:${operation.updatedAt}`, {}, undefined, announcement);
    this.deps.kick();
    return place;
  }

  private async adopt(operation: Operation, pressed: PressedCard): Promise<LiveCardPlace> {
    const { outbox, conversations } = this.deps.store;
    // In a channel the live card lives in the operation's own thread, never in someone else's.
    if ((await conversations.get(pressed.conversationId))?.scope === 'channel') return 'elsewhere';
    const key = operationCardKey(operation.id);
    const live = await outbox.getActivityId(pressed.conversationId, key);
    if (live && live !== pressed.activityId) return 'elsewhere';
    await outbox.setActivityId(pressed.conversationId, key, pressed.activityId);
    return 'adopted';
  }

  /** The watcher's event handler. Resolves only once every message is stored in the outbox. */
  readonly onEvent = async (event: OperationEvent): Promise<void> => {
    const operation = event.operation;
    if (!operation) return;
    const requester = event.watch.requestedBy;
    switch (event.type) {
      case 'progress':
        await this.post(operation, requester, event.key, {});
        break;
      case 'stalled':
        await this.post(operation, requester, event.key, {
          stalledForMinutes: Math.round((Date.parse(event.at) - Date.parse(event.quietSince)) / 60_000),
        });
        break;
      case 'succeeded': {
        const verification = await this.verification(operation);
        await this.post(operation, requester, event.key, { verification }, (environmentName) => this.successNotice(operation, environmentName, verification));
        for (const listener of this.endListeners) await listener(operation);
        break;
      }
      case 'failed': {
        const failureAdvice = (await this.deps.adviseOnFailure?.(operation)) ?? null;
        await this.post(operation, requester, event.key, { failureAdvice }, (environmentName) => this.failureNotice(operation, environmentName));
        for (const listener of this.endListeners) await listener(operation);
        break;
      }
    }
    this.deps.kick();
  };

  private async post(
    operation: Operation,
    requester: string,
    eventKey: string,
    view: Partial<OperationViewOptions>,
    finalNotice?: (environmentName: string) => AdaptiveCardAttachment,
    announcement?: (environmentName: string, conversation: StoredConversation) => AdaptiveCardAttachment | null,
  ): Promise<void> {
    const environmentName = await this.environmentName(operation);
    const recipients = await this.deps.recipients.recipientsFor(
      [operation.fnoEnvironmentId, operation.ppEnvironmentId].filter((id): id is string => !!id),
      requester,
    );
    const card = (conversation: StoredConversation) =>
      operationAttachment(operation, {
        environmentName,
        now: this.deps.clock.now(),
        // Everyone sees Resume; pressing it is checked against the presser's role.
        offerResume: conversation.scope !== 'personal' || conversation.userAadObjectId === requester,
        ...view,
      });
    const label = OPERATION_LABELS[operation.kind] ?? operation.kind;
    for (const conversation of recipients) {
      // In a channel the announcement starts a thread; the live card and the final notice are replies in it.
      const thread = conversation.scope === 'channel' ? { [THREAD_KEY_FIELD]: operationThreadKey(operation.id) } : {};
      const announced = announcement?.(environmentName, conversation);
      if (announced) {
        await this.deps.store.outbox.enqueue({
          dedupeKey: `${eventKey}|announce|${conversation.conversationId}`,
          conversationId: conversation.conversationId,
          activity: activityOf(announced, `${label} started`),
          // Recorded like a card's id, so later messages can find the thread's first post.
          updateKey: operationThreadKey(operation.id),
        });
      }
      await this.deps.store.outbox.enqueue({
        dedupeKey: `${eventKey}|card|${conversation.conversationId}`,
        conversationId: conversation.conversationId,
        activity: { ...activityOf(card(conversation), `${label}: ${operation.status}`), ...thread },
        updateKey: operationCardKey(operation.id),
      });
      if (finalNotice) {
        await this.deps.store.outbox.enqueue({
          dedupeKey: `${eventKey}|notice|${conversation.conversationId}`,
          conversationId: conversation.conversationId,
          activity: { ...activityOf(finalNotice(environmentName), `${label} ${operation.status === 'Succeeded' ? 'succeeded' : 'failed'}`), ...thread },
          updateKey: null,
        });
      }
    }
  }

  private successNotice(operation: Operation, environmentName: string, verification: VerificationResult | null): AdaptiveCardAttachment {
    const label = OPERATION_LABELS[operation.kind] ?? operation.kind;
    return renderCard(noticeCard, {
      title: `✅ ${label} of ${environmentName} succeeded`,
      style: 'good',
      paragraphs:
        operation.kind === 'IntegrationSetup'
          ? [
              verification?.linked
                ? 'Dataverse confirms the link.'
                : 'Dataverse does not confirm the link yet; type **verify** in a few minutes.',
              'Next: install the add-ins you need from LCS, and set up the dual-write application if you use dual-write.',
            ]
          : ['The card above shows the stages and times.'],
      facts: verification?.linked
        ? [
            { title: 'F&O URL', value: verification.Url },
            { title: 'Tenant', value: verification.TenantId },
            { title: 'F&O environment id', value: verification.Id },
          ]
        : [],
      footnote: `Operation ${operation.id}`,
    });
  }

  private failureNotice(operation: Operation, environmentName: string): AdaptiveCardAttachment {
    const label = OPERATION_LABELS[operation.kind] ?? operation.kind;
    return renderCard(noticeCard, {
      title: `❌ ${label} of ${environmentName} failed`,
      style: 'attention',
      paragraphs: [
        operation.error ? `${operation.error.code}: ${operation.error.message}` : 'The service reported a failure without details.',
        'The card above says what likely caused it, who must act and whether Resume applies.',
      ],
      footnote: `Operation ${operation.id} · correlation ${operation.correlationId}`,
    });
  }

  private async environmentName(operation: Operation): Promise<string> {
    if (operation.fnoEnvironmentId) {
      const fno = await this.deps.port.getFnoEnvironment(operation.fnoEnvironmentId).catch(() => null);
      if (fno) return fno.name;
    }
    if (operation.ppEnvironmentId) {
      const pp = await this.deps.port.getPowerPlatformEnvironment(operation.ppEnvironmentId).catch(() => null);
      if (pp) return pp.displayName;
    }
    return operation.fnoEnvironmentId ?? operation.ppEnvironmentId ?? 'environment';
  }

  /** The Dataverse verification after a setup; null when it cannot be had right now. */
  private async verification(operation: Operation): Promise<VerificationResult | null> {
    if (operation.kind !== 'IntegrationSetup') return null;
    const target = typeof operation.parameters.targetPpEnvironmentId === 'string' ? operation.parameters.targetPpEnvironmentId : operation.ppEnvironmentId;
    if (!target) return null;
    try {
      return await this.deps.port.verifyIntegration(target);
    } catch (error) {
      if (error instanceof LifecycleError) return null;
      throw error;
    }
  }
}
