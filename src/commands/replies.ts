import { renderCard, type AdaptiveCardAttachment } from '../cards/cardRenderer';
import { noticeCard, type NoticeCardModel } from '../cards/noticeCard';
import type { OutgoingMessage } from './turn';

export function cardActivity(card: AdaptiveCardAttachment, summary?: string): OutgoingMessage {
  return summary ? { attachments: [card], summary } : { attachments: [card] };
}

export function notice(model: NoticeCardModel): AdaptiveCardAttachment {
  return renderCard(noticeCard, model);
}

export function noticeActivity(model: NoticeCardModel): OutgoingMessage {
  return cardActivity(notice(model), model.title);
}

/** The reply a user sees when a turn fails: short, no internals, with the id to quote. */
export function apology(correlationId: string): OutgoingMessage {
  return noticeActivity({
    title: 'Sorry, something went wrong on my side',
    style: 'attention',
    paragraphs: ['Nothing was changed. Please try again in a moment; if it keeps happening, give this reference to your admin or helpdesk.'],
    footnote: `Reference: ${correlationId}`,
  });
}
