// Pugo profile: `*`, `_` and `~~` open and close where blackfriday v1 let them, not by CommonMark's
// flanking rules, so `**邮箱：**me@example.com` is bold as it was on every Pugo site.
import type MarkdownIt from 'markdown-it';
import type { StateInline } from 'markdown-it';
import { inlineRule } from './named-rules.js';

/** Space as blackfriday's isspace saw it; the edges of a paragraph count as space. */
function isSpace(code: number): boolean {
  return Number.isNaN(code) || code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/** blackfriday's ispunct: ASCII punctuation only. */
function isAsciiPunct(code: number): boolean {
  return /[!-/:-@[-`{-~]/.test(String.fromCharCode(code));
}

/** Han, kana, Hangul and full-width punctuation: the scripts written without spaces. */
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Where a single `*` or `_` may close. blackfriday's NO_INTRA_EMPHASIS (which Pugo set) wants
 * space, ASCII punctuation or the end after it, so `*a*b` stays as written. It compared bytes, so
 * every CJK character counted as a letter and `*强调*。` could never be emphasis: pugo lets CJK
 * text and punctuation close it, the one place it differs from blackfriday here on purpose.
 */
function mayCloseSingle(next: number): boolean {
  return isSpace(next) || isAsciiPunct(next) || CJK.test(String.fromCharCode(next));
}

/**
 * blackfriday opened emphasis at a marker run followed by anything but space, and closed it at
 * one preceded by anything but space, whatever the letters or punctuation around it.
 */
function scanDelims(this: StateInline, start: number): ReturnType<StateInline['scanDelims']> {
  const marker = this.src.charCodeAt(start);
  let pos = start;
  while (pos < this.posMax && this.src.charCodeAt(pos) === marker) pos++;
  const length = pos - start;
  const last = start > 0 ? this.src.charCodeAt(start - 1) : Number.NaN;
  const next = pos < this.posMax ? this.src.charCodeAt(pos) : Number.NaN;
  const can_open = !isSpace(next);
  let can_close = !isSpace(last);
  if (can_close && length === 1 && marker !== 0x7e) can_close = mayCloseSingle(next);
  return { can_open, can_close, length };
}

/**
 * The inline state of this markdown-it, with blackfriday's delimiter rules. blackfriday matched
 * markers greedily, left to right, so `**a****b**` is two bold words: CommonMark's "rule of 3"
 * (a run that can open and close pairs only when the lengths allow) is switched off by giving
 * every delimiter a length of 1, the one thing markdown-it reads that length for.
 */
export function emphasisFlanking(md: MarkdownIt): void {
  const Base = md.inline.State;
  md.inline.State = class BlackfridayDelims extends Base {
    override scanDelims = scanDelims;
  };
  const emphasis = inlineRule(md, 'emphasis');
  md.inline.ruler.at('emphasis', (state, silent) => {
    const before = state.delimiters.length;
    if (!emphasis(state, silent)) return false;
    for (let i = before; i < state.delimiters.length; i++) state.delimiters[i].length = 1;
    return true;
  });
}
