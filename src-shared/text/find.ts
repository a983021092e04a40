/**
 * Find for the story editor: all matches of a query in a text, optionally ignoring case and the
 * full-width/half-width difference (ＡＢＣ１２３ finds abc123, ：finds :). Folding is per UTF-16
 * unit and keeps lengths, so match offsets are offsets in the original text.
 */
export interface FindOptions {
  readonly matchCase: boolean;
  /** Treat full-width and half-width forms as the same character (NFKC, one character at a time). */
  readonly ignoreWidth: boolean;
}

function foldChar(char: string, options: FindOptions): string {
  let folded = char;
  if (options.ignoreWidth) {
    const nfkc = folded.normalize('NFKC');
    if (nfkc.length === 1) folded = nfkc;
    else if (folded === '\u3000') folded = ' ';
  }
  if (!options.matchCase) {
    const lower = folded.toLowerCase();
    if (lower.length === 1) folded = lower;
  }
  return folded;
}

/** The text with every UTF-16 unit folded; same length as the input. */
export function foldForFind(text: string, options: FindOptions): string {
  if (options.matchCase && !options.ignoreWidth) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldChar(text[i] as string, options);
  return out;
}

/** Non-overlapping matches as [start, end) offsets into `text`, in order. */
export function findMatches(text: string, query: string, options: FindOptions): [number, number][] {
  if (query === '') return [];
  const haystack = foldForFind(text, options);
  const needle = foldForFind(query, options);
  const matches: [number, number][] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
    matches.push([at, at + needle.length]);
  }
  return matches;
}
