import { MessageFactory, type Activity } from 'botbuilder';
import { renderCard, type AdaptiveCardAttachment } from '../cards/cardRenderer';
import { noticeCard, type NoticeCardModel } from '../cards/noticeCard';

export function cardActivity(card: AdaptiveCardAttachment, summary?: string): Partial<Activity> {
  const activity = MessageFactory.attachment(card);
  if (summary) activity.summary = summary;
  return activity;
}

export function notice(model: NoticeCardModel): AdaptiveCardAttachment {
  return renderCard(noticeCard, model);
}

export function noticeActivity(model: NoticeCardModel): Partial<Activity> {
  return cardActivity(notice(model), model.title);
}

/** The reply a user sees when a turn fails: short, no internals, with the id to quote. */
export function apology(correlationId: string): Partial<Activity> {
  return noticeActivity({
    title: 'Sorry, something went wrong on my side',
    style: 'attention',
    paragraphs: ['Nothing was changed. Please try again in a moment; if it keeps happening, give this reference to your admin or helpdesk.'],
    footnote: `Reference: ${correlationId}`,
  });
}
