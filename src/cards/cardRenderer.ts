import { readFileSync } from 'node:fs';
import * as ACData from 'adaptivecards-templating';
import type { z } from 'zod';
import { fromRoot } from '../projectRoot';

// Cards are data: a JSON template in cards/ expanded from a zod-checked view model. A field the
// template asks for but the data lacks would otherwise reach the user as a literal "${field}", so the
// expansion records every such miss and refuses to produce the card.

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Teams' message limit is about 100 KB, and 28 KB applies on some paths; stay under the lower one. */
export const MAX_CARD_BYTES = 28 * 1024;

export interface CardDefinition<T> {
  /** Template file name in cards/, without `.json`. */
  template: string;
  schema: z.ZodType<T, z.ZodTypeDef, unknown>;
  /** Plain text shown by clients that cannot render the card, and in notifications. */
  fallbackText(data: T): string;
}

export interface AdaptiveCardAttachment {
  contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE;
  content: Record<string, unknown>;
}

export class CardRenderError extends Error {
  constructor(template: string, problem: string) {
    super(`Card "${template}" could not be rendered: ${problem}`);
    this.name = 'CardRenderError';
  }
}

const templates = new Map<string, ACData.Template>();

function templateFor(name: string): ACData.Template {
  let template = templates.get(name);
  if (!template) {
    const json = JSON.parse(readFileSync(fromRoot('cards', `${name}.json`), 'utf8'));
    template = new ACData.Template(json);
    templates.set(name, template);
  }
  return template;
}

/** Expands the card's template with a validated copy of `data`. */
export function renderCard<T>(definition: CardDefinition<T>, data: unknown): AdaptiveCardAttachment {
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new CardRenderError(definition.template, `${first.path.join('.') || 'data'}: ${first.message}`);
  }
  const root = { ...(parsed.data as object), fallbackText: definition.fallbackText(parsed.data) };

  const missing: string[] = [];
  const previous = ACData.GlobalSettings.getUndefinedFieldValueSubstitutionString;
  ACData.GlobalSettings.getUndefinedFieldValueSubstitutionString = (path: string) => {
    missing.push(path);
    return '';
  };
  let content: Record<string, unknown>;
  try {
    content = templateFor(definition.template).expand({ $root: root });
  } finally {
    ACData.GlobalSettings.getUndefinedFieldValueSubstitutionString = previous;
  }
  if (missing.length > 0) {
    throw new CardRenderError(definition.template, `the view model has no value for ${[...new Set(missing)].join(', ')}`);
  }
  const size = Buffer.byteLength(JSON.stringify(content), 'utf8');
  if (size > MAX_CARD_BYTES) {
    throw new CardRenderError(definition.template, `it is ${size} bytes, over the ${MAX_CARD_BYTES}-byte limit`);
  }
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}
