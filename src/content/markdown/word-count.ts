// Word count of a post's prose: Latin-script words, plus each CJK character as one word, the
// CJK characters also counted apart (they are read at another rate: reading-time.ts).
import type { Token } from 'markdown-it';

/**
 * Chinese and Japanese are written without spaces: each Han, Hiragana or Katakana character
 * counts as a word, as Chinese word counters do. Hangul is spaced, so it counts like Latin text.
 */
function isCjk(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x30ff) || // Hiragana, Katakana
    (code >= 0x3400 && code <= 0x4dbf) || // Han extension A
    (code >= 0x4e00 && code <= 0x9fff) || // Han
    (code >= 0xf900 && code <= 0xfaff) || // Han compatibility
    (code >= 0xd840 && code <= 0xd87f) // high surrogate of Han extensions B–H: a pair counts once
  );
}

const LETTER = /[\p{L}\p{N}\p{M}]/u;

/** A letter or digit; ASCII is decided without a regular expression (most text is ASCII). */
function isWordChar(code: number): boolean {
  if (code < 0x80) {
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  }
  return !Number.isNaN(code) && LETTER.test(String.fromCharCode(code));
}

/** Joiners inside a word: "don't", "it’s", "e.g", "well-known" are one word each. */
function isJoiner(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 46 || code === 45;
}

/** Counts words character by character: a regex split would allocate every word. */
class WordCounter {
  count = 0;
  cjk = 0;
  #inWord = false;

  add(text: string): void {
    // Locals, not fields, in the loop: this runs over every character of every post.
    let count = this.count;
    let cjk = this.cjk;
    let inWord = this.#inWord;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 0x3040 && isCjk(code)) {
        count++;
        cjk++;
        inWord = false;
      } else if (code >= 0xdc00 && code <= 0xdfff) {
        // A low surrogate: its high half already decided what the pair is.
      } else if (isWordChar(code)) {
        if (!inWord) count++;
        inWord = true;
      } else if (!(inWord && isJoiner(code) && isWordChar(text.charCodeAt(i + 1)))) {
        inWord = false;
      }
    }
    this.count = count;
    this.cjk = cjk;
    this.#inWord = inWord;
  }

  /** Ends the current word: blocks do not run into each other. */
  breakWord(): void {
    this.#inWord = false;
  }
}

/**
 * Counts the words of the prose (paragraphs, headings, lists, tables): code blocks and raw HTML
 * are left out, as a reader's "N words" means what they read, not what they skim past. `words`
 * counts every CJK character as a word; `cjk` says how many of them there are.
 */
export function countWords(tokens: Token[]): { words: number; cjk: number } {
  const counter = new WordCounter();
  for (const token of tokens) {
    if (token.type !== 'inline' || !token.children) continue;
    for (const child of token.children) {
      if (child.type === 'text' || child.type === 'code_inline') counter.add(child.content);
      else if (child.type === 'softbreak' || child.type === 'hardbreak') counter.breakWord();
    }
    counter.breakWord();
  }
  return { words: counter.count, cjk: counter.cjk };
}
