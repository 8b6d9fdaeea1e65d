// How long a post takes to read: its words and its CJK characters, each at its own rate.

import type { Reading } from '../types.js';

/** Words a minute and CJK characters a minute ([build] words_per_minute, cjk_per_minute). */
export interface ReadingRates {
  wordsPerMinute: number;
  cjkPerMinute: number;
}

/**
 * Hugo reads 212 words or 500 CJK characters a minute, but picks one rate for a whole page by
 * its language; a post mixing English and Chinese is read here at both, each over its part.
 */
export function readingOf(
  counts: { wordCount: number; cjkCount: number },
  rates: ReadingRates,
): Reading {
  const { wordCount, cjkCount } = counts;
  const minutes = (wordCount - cjkCount) / rates.wordsPerMinute + cjkCount / rates.cjkPerMinute;
  return { words: wordCount, minutes: Math.ceil(minutes) };
}
