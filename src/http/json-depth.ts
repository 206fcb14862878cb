/**
 * JSON answers parsed to a bounded depth. Printing, diffing, validating and reporting code
 * walks values recursively, and an endpoint may send a member nested hundreds of thousands
 * of levels deep (valid JSON, which JSON.parse takes, at some 15 MB of heap per 200,000
 * levels). A ListRecords answer needs three levels, so every value that opens below
 * MAX_DEPTH is replaced, in the text and before parsing, by a string saying so.
 */
export const MAX_DEPTH = 64;

export const CUT_NOTE = `(a value nested deeper than ${MAX_DEPTH} levels, not kept)`;

const [QUOTE, BACKSLASH, OPEN_ARRAY, CLOSE_ARRAY, OPEN_OBJECT, CLOSE_OBJECT] = [0x22, 0x5c, 0x5b, 0x5d, 0x7b, 0x7d];

/**
 * `text` parsed as JSON, with every array or object that opens at depth MAX_DEPTH cut off.
 * Throws as JSON.parse does for text that is not JSON. A cut value is checked only for
 * balanced brackets; what it held is never read.
 */
/**
 * The index of the quote that closes the string opening at `open`. Strings hold most of an
 * answer's text, and indexOf skips them far faster than a loop over their characters.
 */
function endOfString(text: string, open: number): number {
  for (let q = text.indexOf('"', open + 1); q >= 0; q = text.indexOf('"', q + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(q - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return q;
  }
  return text.length; // unterminated: JSON.parse will say so
}

export function parseBounded(text: string): unknown {
  let depth = 0;
  let cutFrom = -1;
  const kept: string[] = [];
  let keptUpTo = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = endOfString(text, i);
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth === MAX_DEPTH + 1) cutFrom = i;
    } else if ((c === CLOSE_ARRAY || c === CLOSE_OBJECT) && --depth === MAX_DEPTH) {
      kept.push(text.slice(keptUpTo, cutFrom), JSON.stringify(CUT_NOTE));
      keptUpTo = i + 1;
      cutFrom = -1;
    }
  }
  if (depth > MAX_DEPTH) throw new SyntaxError(`Unexpected end of JSON input (a value nested deeper than ${MAX_DEPTH} levels never closes)`);
  if (kept.length === 0) return JSON.parse(text);
  kept.push(text.slice(keptUpTo));
  return JSON.parse(kept.join(""));
}
