import { readFileSync } from 'node:fs';
import { fromRoot } from '../src/projectRoot';

/**
 * Representative view models for a card template, kept beside the templates in cards/examples/ so
 * card authors edit the template and its sample data together. The card tests expand and validate
 * every one; the benchmark and the screenshots use them too.
 */
export function cardExamples(template: string): unknown[] {
  const examples: unknown = JSON.parse(readFileSync(fromRoot('cards', 'examples', `${template}.json`), 'utf8'));
  if (!Array.isArray(examples) || examples.length === 0) throw new Error(`cards/examples/${template}.json must be a non-empty array`);
  return examples;
}
