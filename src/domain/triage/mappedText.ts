// Text that remembers where each of its characters came from in the original input. The normaliser
// rewrites pasted text many times (decoding, masking GUIDs, URLs, names…); evidence shown to the
// user must still be the words they pasted, so every rewrite carries the original offsets along.
// Most rewrites change nothing or little, so an unchanged text is returned as is and unchanged
// stretches are copied in bulk.

export interface MappedText {
  readonly text: string;
  /** For each character of `text`, the original offset where its source starts. */
  readonly from: Int32Array;
  /** For each character of `text`, the original offset just after its source. */
  readonly to: Int32Array;
}

export function unmapped(original: string): MappedText {
  const from = new Int32Array(original.length);
  const to = new Int32Array(original.length);
  for (let i = 0; i < original.length; i++) {
    from[i] = i;
    to[i] = i + 1;
  }
  return { text: original, from, to };
}

class MappedBuilder {
  private readonly parts: string[] = [];
  private from: Int32Array;
  private to: Int32Array;
  private length = 0;

  constructor(private readonly source: MappedText) {
    this.from = new Int32Array(source.text.length + 16);
    this.to = new Int32Array(source.text.length + 16);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.from.length) return;
    const size = Math.max(this.from.length * 2, this.length + extra);
    const from = new Int32Array(size);
    const to = new Int32Array(size);
    from.set(this.from.subarray(0, this.length));
    to.set(this.to.subarray(0, this.length));
    this.from = from;
    this.to = to;
  }

  /** Copies characters [start, end) of the source unchanged. */
  copy(start: number, end: number): void {
    if (end <= start) return;
    this.reserve(end - start);
    this.parts.push(this.source.text.slice(start, end));
    this.from.set(this.source.from.subarray(start, end), this.length);
    this.to.set(this.source.to.subarray(start, end), this.length);
    this.length += end - start;
  }

  /** Appends `replacement` for the source characters [start, end): each of its characters points at all of them. */
  put(replacement: string, start: number, end: number): void {
    this.reserve(replacement.length);
    this.parts.push(replacement);
    this.from.fill(this.source.from[start], this.length, this.length + replacement.length);
    this.to.fill(this.source.to[end - 1], this.length, this.length + replacement.length);
    this.length += replacement.length;
  }

  build(): MappedText {
    return { text: this.parts.join(''), from: this.from.slice(0, this.length), to: this.to.slice(0, this.length) };
  }
}

/** A replacement of the characters [start, end) of a text. */
export interface Replacement {
  start: number;
  end: number;
  text: string;
}

/** A match as rewrite reads it: a RegExp match, or a word a finder found (wordFinder.ts). */
export interface Found {
  index: number;
  0: string;
}

/** Something that finds its matches in a text, left to right, without overlaps. */
export interface Finder<Match extends Found> {
  find(text: string): Iterable<Match>;
}

function* matchesOf(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0].length === 0) {
      // An empty match would loop forever; step over it.
      pattern.lastIndex++;
      continue;
    }
    yield match;
  }
}

/**
 * Replaces every match of `pattern` (a RegExp must be global) by what `replace` returns: a string
 * for the whole match, a Replacement for part of it (offsets within the text), or null to keep it.
 */
export function rewrite<Match extends Found = RegExpExecArray>(
  source: MappedText,
  pattern: RegExp | Finder<Match>,
  replace: (match: Match) => string | Replacement | null,
): MappedText {
  let builder: MappedBuilder | null = null;
  let copied = 0;
  const matches = (pattern instanceof RegExp ? matchesOf(pattern, source.text) : pattern.find(source.text)) as Iterable<Match>;
  for (const match of matches) {
    const replacement = replace(match);
    if (replacement === null) continue;
    const { start, end, text } =
      typeof replacement === 'string' ? { start: match.index, end: match.index + match[0].length, text: replacement } : replacement;
    if (text === source.text.slice(start, end)) continue;
    builder ??= new MappedBuilder(source);
    builder.copy(copied, start);
    builder.put(text, start, end);
    copied = end;
  }
  if (!builder) return source;
  builder.copy(copied, source.text.length);
  return builder.build();
}

/** Rewrites code point by code point; `map` returns the replacement (the character itself to keep it). */
export function mapCharacters(source: MappedText, map: (character: string) => string): MappedText {
  let builder: MappedBuilder | null = null;
  const text = source.text;
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    const width = text.codePointAt(i)! > 0xffff ? 2 : 1;
    const character = width === 2 ? text.slice(i, i + 2) : text[i];
    const replacement = map(character);
    if (replacement !== character) {
      builder ??= new MappedBuilder(source);
      builder.copy(copied, i);
      builder.put(replacement, i, i + width);
      copied = i + width;
    }
    i += width;
  }
  if (!builder) return source;
  builder.copy(copied, text.length);
  return builder.build();
}
