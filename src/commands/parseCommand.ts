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

/** Optimal-string-alignment distance: a swapped pair of letters ("hlep") counts as one typo. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
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
