import assert from 'node:assert/strict';
import { WordFinder } from '../../../src/domain/triage/wordFinder';

const found = (finder: WordFinder, text: string) => [...finder.find(text)].map((word) => `${word.index}:${word[0]}`);

// The glossaries' words are found by their first letters (glossary.ts): these pin that it finds what
// one alternation of all the words, longest first, would.
describe('triage: finding a glossary’s words in a text', () => {
  it('takes the longest word at a position, left to right, without overlaps', () => {
    const finder = new WordFinder(['base', 'base de datos', 'datos', 'de'], { wholeWords: true, optionalSpaces: false });
    assert.deepEqual(found(finder, 'la base de datos y datos de base'), ['3:base de datos', '19:datos', '25:de', '28:base']);
  });

  it('finds whole words only in the Latin alphabet, also a word of one letter', () => {
    const finder = new WordFinder(['rolle', 'e', 'rol'], { wholeWords: true, optionalSpaces: false });
    assert.deepEqual(found(finder, 'kontrolle rolle e roller (rol)'), ['10:rolle', '16:e', '26:rol']);
  });

  it('finds words anywhere in scripts without spaces, with or without the space a word is written with', () => {
    const finder = new WordFinder(['연결 집합', '연결'], { wholeWords: false, optionalSpaces: true });
    assert.deepEqual(found(finder, '연결집합을 저장 연결 집합 연결'), ['0:연결집합', '9:연결 집합', '15:연결']);
  });

  it('counts letters, not spaces, when it picks the longest word where spaces are optional', () => {
    // "دو بار" (twice) is as long as "دوبارہ" (again) only with its space; in a text written solid the longer word wins.
    const finder = new WordFinder(['دو بار', 'دوبارہ'], { wholeWords: false, optionalSpaces: true });
    assert.deepEqual(found(finder, 'دوبارہ کیا'), ['0:دوبارہ']);
    assert.deepEqual(found(finder, 'دو بار کیا'), ['0:دو بار']);
  });

  it('finds the parts of glued words inside them', () => {
    const finder = new WordFinder(['datenbank', 'kapazitat'], { wholeWords: false, optionalSpaces: false });
    assert.deepEqual(found(finder, 'datenbankkapazitat'), ['0:datenbank', '9:kapazitat']);
  });

  it('finds nothing in an empty text or with no words', () => {
    assert.deepEqual(found(new WordFinder(['a'], { wholeWords: true, optionalSpaces: false }), ''), []);
    assert.deepEqual(found(new WordFinder([], { wholeWords: false, optionalSpaces: true }), 'テキスト'), []);
  });
});
