// Finds a glossary's words in a text as one alternation of them all would (longest first, left to
// right, never overlapping), but looks each word up by its first letters instead of trying the
// thousands of words one after another at every position: the glossaries hold whole sentences of
// Microsoft's translated pages, and one regular expression of them all nearly doubled the time a
// triage takes.

/** Where a word was found: the same two fields a RegExp match has. */
export interface FoundWord {
  index: number;
  0: string;
}

export interface WordFinderOptions {
  /** Only where the word stands alone: no letter or digit just before or after it (the Latin alphabet). */
  wholeWords: boolean;
  /** A space inside a word may be missing from the text (Korean and Japanese screens are inconsistent about it). */
  optionalSpaces: boolean;
}

const ALPHANUMERIC = /[a-z0-9]/;

export class WordFinder {
  /** Words by their first letters (two for whole words, where many share the first), longest first. */
  private readonly byStart = new Map<string, string[]>();
  private readonly startLength: number;

  constructor(
    words: readonly string[],
    private readonly options: WordFinderOptions,
  ) {
    this.startLength = options.wholeWords ? 2 : 1;
    for (const word of words) {
      if (word === '') continue;
      const start = word.slice(0, this.startLength);
      const bucket = this.byStart.get(start);
      if (bucket) bucket.push(word);
      else this.byStart.set(start, [word]);
    }
    // Where spaces are optional, a word's length is its letters: "دو بار" (two letters, a space, three)
    // must not be tried before "دوبارہ" (six letters), which it would cut short in a text written solid.
    const length = options.optionalSpaces ? (word: string) => word.replaceAll(' ', '').length : (word: string) => word.length;
    for (const bucket of this.byStart.values()) bucket.sort((a, b) => length(b) - length(a));
  }

  /** Every word found in `text`, left to right. */
  *find(text: string): Generator<FoundWord> {
    let position = 0;
    while (position < text.length) {
      const end = this.wordAt(text, position);
      if (end < 0) {
        position++;
        continue;
      }
      yield { index: position, 0: text.slice(position, end) };
      position = end;
    }
  }

  /** The end of the longest word starting at `position`, or -1. */
  private wordAt(text: string, position: number): number {
    if (this.options.wholeWords && position > 0 && ALPHANUMERIC.test(text[position - 1])) return -1;
    // Two-letter starts first: a word of one letter is only tried where no longer one fits.
    if (this.startLength === 2) {
      const end = this.longestIn(this.byStart.get(text.slice(position, position + 2)), text, position);
      if (end >= 0) return end;
    }
    return this.longestIn(this.byStart.get(text[position]), text, position);
  }

  /** The end of the first (longest) word of `bucket` found at `position`, or -1. */
  private longestIn(bucket: string[] | undefined, text: string, position: number): number {
    for (const word of bucket ?? []) {
      const end = this.matchEnd(text, position, word);
      if (end < 0) continue;
      if (this.options.wholeWords && end < text.length && ALPHANUMERIC.test(text[end])) continue;
      return end;
    }
    return -1;
  }

  private matchEnd(text: string, position: number, word: string): number {
    if (!this.options.optionalSpaces) return text.startsWith(word, position) ? position + word.length : -1;
    let at = position;
    for (const character of word) {
      if (character === ' ') {
        if (text[at] === ' ') at++;
        continue;
      }
      if (!text.startsWith(character, at)) return -1;
      at += character.length;
    }
    return at;
  }
}
