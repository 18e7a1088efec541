// Typed text arrives with Teams markup: `<at>PPI Assistant</at> status` in channels, HTML entities,
// non-breaking spaces. Commands are matched on the cleaned, lower-cased leading words.

export function cleanMessageText(text: string | undefined | null): string {
  return (text ?? '')
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/[\u00a0\s]+/g, ' ')
    .trim();
}

export interface ParsedCommand {
  name: string;
  args: string;
}

/** Finds the longest command name (one or more words) that starts `text`. */
export function matchCommand(text: string, names: readonly string[]): ParsedCommand | null {
  const cleaned = cleanMessageText(text);
  const lower = cleaned.toLowerCase();
  let best: string | null = null;
  for (const name of names) {
    if ((lower === name || lower.startsWith(`${name} `)) && (!best || name.length > best.length)) best = name;
  }
  if (!best) return null;
  return { name: best, args: cleaned.slice(best.length).trim() };
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The command names closest to what was typed (typos, missing letters), best first. */
export function suggestCommands(text: string, names: readonly string[], max = 3): string[] {
  const first = cleanMessageText(text).toLowerCase().split(' ')[0] ?? '';
  if (!first) return [];
  return names
    .map((name) => ({ name, distance: editDistance(first, name.split(' ')[0]) }))
    .filter((c) => c.distance <= Math.max(1, Math.floor(c.name.length / 3)) || c.name.startsWith(first))
    .sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name))
    .slice(0, max)
    .map((c) => c.name);
}
