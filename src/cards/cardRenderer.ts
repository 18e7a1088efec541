import { readFileSync } from 'node:fs';
import * as ACData from 'adaptivecards-templating';
import type { z } from 'zod';
import { fromRoot } from '../projectRoot';
import { LruMap } from '../util/lruMap';

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

/**
 * Cards rendered lately, by template and view model: the help card, a status card or an operation
 * card that did not change is the same JSON, and validating and expanding it again cost more than
 * the rest of the turn. Kept as JSON text, so every caller gets its own copy to change.
 */
const rendered = new LruMap<string, string>(256);

function cacheKey(template: string, data: unknown): string | null {
  try {
    return `${template}\n${JSON.stringify(data)}`;
  } catch {
    return null; // not plain data: rendered every time, and validation says what is wrong with it
  }
}

/** Expands the card's template with a validated copy of `data`. */
export function renderCard<T>(definition: CardDefinition<T>, data: unknown): AdaptiveCardAttachment {
  const key = cacheKey(definition.template, data);
  const known = key === null ? undefined : rendered.get(key);
  if (known !== undefined) {
    return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: JSON.parse(known) as Record<string, unknown> };
  }
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
  const json = JSON.stringify(content);
  const size = Buffer.byteLength(json, 'utf8');
  if (size > MAX_CARD_BYTES) {
    throw new CardRenderError(definition.template, `it is ${size} bytes, over the ${MAX_CARD_BYTES}-byte limit`);
  }
  if (key !== null) {
    rendered.set(key, json);
  }
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content };
}
