// XML escaping for the XML exports (REFI-QDA's project.qde, GraphML): the
// five special characters as entities, and what XML 1.0 cannot hold at all —
// most control characters, lone surrogates, U+FFFE and U+FFFF — left out,
// since no escape makes them legal.

const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

// Most values need no escaping: test once before replacing four times.
const SPECIAL_TEXT = /[&<>\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;
const SPECIAL_ATTR = /[&<>"\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;

/** Character data of an element. */
export function xmlText(s: string): string {
  if (!SPECIAL_TEXT.test(s)) return s;
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A double-quoted attribute value; tabs and line breaks as character references, so a reader keeps them. */
export function xmlAttr(s: string): string {
  if (!SPECIAL_ATTR.test(s)) return s;
  return xmlText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
