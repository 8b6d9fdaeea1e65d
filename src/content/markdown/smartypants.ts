// blackfriday's SmartyPants with Pugo's flags, on one run of text: curly quotes, (c) (r) (tm),
// ellipses and fractions. Dashes stay as written: Pugo asked for LaTeX dashes without dashes.
// A port of blackfriday v1's smartypants.go, working on characters where it worked on bytes.

/** A piece of output: text to escape, or markup (the <sup> and <sub> of a fraction). */
export interface Piece {
  text: string;
  html?: true;
}

const EDGE = '';

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

/** ASCII punctuation only: blackfriday saw every byte of a CJK character as a letter. */
function isPunct(c: string): boolean {
  return c.length === 1 && /[!-/:-@[-`{-~]/.test(c);
}

function wordBoundary(c: string): boolean {
  return c === EDGE || isSpace(c) || isPunct(c);
}

type Quote = { open: boolean };

/** smartQuoteHelper: opening or closing, from the characters either side (EDGE at a run's end). */
function quoteIsOpen(prev: string, next: string, state: Quote): boolean {
  const kind = (c: string) => (c === EDGE ? 0 : isSpace(c) ? 1 : isPunct(c) ? 2 : 3);
  const p = kind(prev);
  const n = kind(next);
  let open: boolean;
  if (n === 0) open = p === 0 ? !state.open : p === 1;
  else if (n === 1) open = p === 1 ? !state.open : false;
  else if (n === 2) open = p === 1 ? true : p === 2 ? !state.open : false;
  else open = p !== 3;
  state.open = open;
  return open;
}

interface Run {
  text: string;
  /** The character before this run: EDGE, or '\n' after a line break. */
  before: string;
  /** The character after it: EDGE, or a bare URL's first letter (blackfriday saw the scheme). */
  after: string;
  out: Piece[];
  double: Quote;
  single: Quote;
}

const at = (run: Run, i: number) => run.text[i] ?? (i === run.text.length ? run.after : EDGE);
const prevOf = (run: Run, i: number) => (i > 0 ? run.text[i - 1] : run.before);

function emit(run: Run, text: string, html?: true): void {
  const last = run.out[run.out.length - 1];
  if (!html && last && !last.html) last.text += text;
  else run.out.push(html ? { text, html } : { text });
}

/** Returns how many characters after `i` the replacement used, as blackfriday's callbacks do. */
function singleQuote(run: Run, i: number): number {
  const t1 = at(run, i + 1).toLowerCase();
  if (t1 === "'") {
    emit(run, quoteIsOpen(prevOf(run, i), at(run, i + 2), run.double) ? '“' : '”');
    return 1;
  }
  const t2 = at(run, i + 2).toLowerCase();
  const shortEnd = 'stmd'.includes(t1) && t1 !== EDGE && wordBoundary(at(run, i + 2));
  const longEnd = ['re', 'll', 've'].includes(t1 + t2) && wordBoundary(at(run, i + 3));
  if (shortEnd || longEnd) {
    emit(run, '’');
    return 0;
  }
  emit(run, quoteIsOpen(prevOf(run, i), at(run, i + 1), run.single) ? '‘' : '’');
  return 0;
}

function parens(run: Run, i: number): number {
  const rest = run.text.slice(i + 1, i + 4).toLowerCase();
  for (const [sign, mark] of [
    ['c)', '©'],
    ['r)', '®'],
    ['tm)', '™'],
  ] as const) {
    if (rest.startsWith(sign)) {
      emit(run, mark);
      return sign.length;
    }
  }
  emit(run, '(');
  return 0;
}

function period(run: Run, i: number): number {
  for (const dots of ['...', '. . .']) {
    if (run.text.startsWith(dots, i)) {
      emit(run, '…');
      return dots.length - 1;
    }
  }
  emit(run, '.');
  return 0;
}

const FRACTION = /(\d+)([/\u2044])(\d+)/y;

/** `\d+/\d+` between word boundaries (not part of a date like 1/23/2005) → a fraction. */
function fraction(run: Run, i: number): number {
  const prev = prevOf(run, i);
  // The boundary first: inside a run of digits it fails at once (a regex would rescan the run).
  FRACTION.lastIndex = i;
  const m = wordBoundary(prev) && prev !== '/' ? FRACTION.exec(run.text) : null;
  const after = m ? at(run, i + m[0].length) : EDGE;
  if (!m || !(after === EDGE || (wordBoundary(after) && after !== '/'))) {
    emit(run, run.text[i]);
    return 0;
  }
  const parts: [string, true?][] = [
    ['<sup>', true],
    [m[1]],
    ['</sup>', true],
    ['⁄'],
    ['<sub>', true],
    [m[3]],
    ['</sub>', true],
  ];
  for (const [text, html] of parts) emit(run, text, html);
  return m[0].length - 1;
}

function doubleQuote(run: Run, i: number, width: number): number {
  emit(run, quoteIsOpen(prevOf(run, i), at(run, i + width), run.double) ? '“' : '”');
  return width - 1;
}

/** One callback per character blackfriday's SmartyPants renderer reacted to. */
function step(run: Run, i: number): number {
  const c = run.text[i];
  if (c === '"') return doubleQuote(run, i, 1);
  if (c === "'") return singleQuote(run, i);
  if (c === '(') return parens(run, i);
  if (c === '.') return period(run, i);
  if (c === '`' && at(run, i + 1) === '`') return doubleQuote(run, i, 2);
  return fraction(run, i);
}

/** The characters step() reacts to; text between them is copied as it is. */
const TRIGGER = /["'(.`1-9]/g;

/**
 * SmartyPants over one run of text, as blackfriday ran it over each stretch between two inline
 * markers (its quote state starts afresh in each). `before` is '\n' for a run starting a line;
 * `after` is the first letter of a bare URL right after the run (blackfriday's run ended there).
 */
export function smartypants(text: string, before = EDGE, after = EDGE): Piece[] {
  const run: Run = {
    text,
    before,
    after,
    out: [],
    double: { open: false },
    single: { open: false },
  };
  let i = 0;
  TRIGGER.lastIndex = 0;
  for (let m = TRIGGER.exec(text); m !== null; m = TRIGGER.exec(text)) {
    if (m.index > i) emit(run, text.slice(i, m.index));
    i = m.index + step(run, m.index) + 1;
    TRIGGER.lastIndex = i;
  }
  if (i < text.length) emit(run, text.slice(i));
  return run.out;
}
