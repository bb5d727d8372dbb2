// Reading quote values the way analysts write them: in straight or curly
// quotation marks. Shared by the editor features and the exports.

// Each opening mark and the mark that closes it, by code unit: reading a
// mark as a one-unit string to look it up made a string per quote.
const OPENERS = new Map([['"', '"'], ['“', '”'], ['”', '”'], ['„', '“'], ["'", "'"], ['‘', '’'], ['«', '»']]
  .map(([open, close]) => [open!.charCodeAt(0), close!.charCodeAt(0)]));
const STRAIGHT = 0x22;
const RIGHT_DOUBLE = 0x201d;

/** The quote text inside its quotation marks (straight or curly); as is when unquoted. */
export function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2) {
    const close = OPENERS.get(v.charCodeAt(0));
    const last = v.charCodeAt(v.length - 1);
    if (close !== undefined && (last === close || last === STRAIGHT || last === RIGHT_DOUBLE)) return v.slice(1, -1);
  }
  return v;
}

/** How a quote is shown: inside curly quotation marks. */
export function displayQuote(value: string): string {
  return `“${unquote(value)}”`;
}
