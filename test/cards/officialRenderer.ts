// The official Adaptive Cards renderer, used to check cards the way a client parses them. Its lib/
// entry does not resolve under Node; the UMD bundle does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

/** Parses `card` at schema 1.5 and returns every problem the renderer reports (empty = clean). */
export function parseWithOfficialRenderer(card: unknown): string[] {
  const context = new AC.SerializationContext();
  context.targetVersion = AC.Versions.v1_5;
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}
