// Reading quote values the way analysts write them: in straight or curly
// quotation marks. Shared by the editor features and the exports.

const OPENERS: Record<string, string> = { '"': '"', '“': '”', '”': '”', '„': '“', "'": "'", '‘': '’', '«': '»' };

/** The quote text inside its quotation marks (straight or curly); as is when unquoted. */
export function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2) {
    const close = OPENERS[v[0]];
    if (close && (v.endsWith(close) || v.endsWith('"') || v.endsWith('”'))) return v.slice(1, -1);
  }
  return v;
}

/** How a quote is shown: inside curly quotation marks. */
export function displayQuote(value: string): string {
  return `“${unquote(value)}”`;
}
