// The visible text of an HTML source, and where each of its characters came
// from in the .html file.
//
// A quote is copied from the rendered page, so HTML sources are anchored in
// what a reader sees: no tags, comments, scripts, styles, templates, <noscript>
// or <title>; character references decoded; runs of whitespace collapsed to
// one space as a browser lays them out (kept verbatim inside <pre>/<textarea>);
// block elements and <br> start a new line. This is a single forward scan, not
// a DOM: saved articles are often not well formed, and a scanner never fails.
//
// Every visible UTF-16 unit i came from the file range
// [fileStart[i], fileEnd[i]): one character, a whole character reference, a
// whitespace run, or the tag that produced a line break. A visible range
// [s, e) therefore maps to the file range [fileStart[s], fileEnd[e - 1]).

import { stringFromUnits } from '../text/utf16';

export interface VisibleText {
  readonly text: string;
  readonly fileStart: Uint32Array;
  readonly fileEnd: Uint32Array;
}

// Elements whose content is never shown (or is raw text that is not shown).
const HIDDEN = new Set(['script', 'style', 'template', 'noscript', 'title']);

// Elements that begin and end a block of text: each boundary is a line break.
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
  'textarea', 'listing', 'head',
]);

// Elements whose whitespace is shown as written.
const PREFORMATTED = new Set(['pre', 'textarea', 'listing']);

// Named character references: the whole Latin-1 block (U+00A0..U+00FF, in
// order) and the punctuation, ligatures and arrows that articles use. The full
// HTML table has 2,231 names; the rest stay literal, which costs a quote at
// most a fuzzy match rather than a wrong offset.
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr ' +
  'deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest ' +
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
  'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
  'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml ' +
  'eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

const OTHER_NAMED: ReadonlyArray<readonly [string, number]> = [
  ['amp', 0x26], ['lt', 0x3c], ['gt', 0x3e], ['quot', 0x22], ['apos', 0x27],
  ['OElig', 0x152], ['oelig', 0x153], ['Scaron', 0x160], ['scaron', 0x161], ['Yuml', 0x178],
  ['fnof', 0x192], ['circ', 0x2c6], ['tilde', 0x2dc], ['ensp', 0x2002], ['emsp', 0x2003],
  ['thinsp', 0x2009], ['zwnj', 0x200c], ['zwj', 0x200d], ['lrm', 0x200e], ['rlm', 0x200f],
  ['ndash', 0x2013], ['mdash', 0x2014], ['horbar', 0x2015], ['lsquo', 0x2018], ['rsquo', 0x2019],
  ['sbquo', 0x201a], ['ldquo', 0x201c], ['rdquo', 0x201d], ['bdquo', 0x201e], ['dagger', 0x2020],
  ['Dagger', 0x2021], ['bull', 0x2022], ['hellip', 0x2026], ['permil', 0x2030], ['prime', 0x2032],
  ['Prime', 0x2033], ['lsaquo', 0x2039], ['rsaquo', 0x203a], ['oline', 0x203e], ['euro', 0x20ac],
  ['trade', 0x2122], ['larr', 0x2190], ['uarr', 0x2191], ['rarr', 0x2192], ['darr', 0x2193],
  ['harr', 0x2194], ['minus', 0x2212], ['le', 0x2264], ['ge', 0x2265], ['ne', 0x2260],
  ['asymp', 0x2248], ['infin', 0x221e], ['hyphen', 0x2010], ['dash', 0x2010], ['nbhy', 0x2011],
];

const NAMED: ReadonlyMap<string, number> = new Map<string, number>([
  ...LATIN1.split(' ').map((name, i): [string, number] => [name, 0xa0 + i]),
  ...OTHER_NAMED,
]);

// Numeric references 128..159 name C1 controls, but pages mean Windows-1252 by
// them (&#146; for ’); browsers decode them that way, and so do we.
const CP1252 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Decodes the character reference at html[i] === '&'; undefined when there is none. */
export function decodeEntityAt(html: string, i: number): { codePoint: number; length: number } | undefined {
  // References are short; looking further for ';' would make a page full of
  // bare '&' quadratic.
  const semi = html.slice(i + 2, i + 40).indexOf(';') + i + 2;
  if (semi < i + 2) return undefined;
  const body = html.slice(i + 1, semi);
  let cp: number | undefined;
  if (/^#[0-9]{1,8}$/.test(body)) cp = parseInt(body.slice(1), 10);
  else if (/^#[xX][0-9a-fA-F]{1,7}$/.test(body)) cp = parseInt(body.slice(2), 16);
  else return NAMED.has(body) ? { codePoint: NAMED.get(body) as number, length: semi + 1 - i } : undefined;
  if (cp >= 0x80 && cp <= 0x9f) cp = CP1252[cp - 0x80] as number;
  else if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
  return { codePoint: cp, length: semi + 1 - i };
}

function isCollapsible(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0x0c;
}

// End of the tag that opens at `<` (i), honouring quoted attribute values,
// which may contain '>'. A quote opens a value only right after '=' (spaces
// allowed), so a stray apostrophe in an unquoted value cannot swallow the page.
function tagEnd(html: string, i: number): number {
  let quote = 0;
  let afterEquals = false;
  for (let j = i + 1; j < html.length; j++) {
    const c = html.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if ((c === 0x22 || c === 0x27) && afterEquals) {
      quote = c;
    } else if (c === 0x3e) {
      return j + 1;
    }
    if (c === 0x3d /* = */) afterEquals = true;
    else if (!isCollapsible(c)) afterEquals = false;
  }
  return html.length;
}

const endTags = new Map<string, RegExp>();
function endTagPattern(name: string): RegExp {
  let re = endTags.get(name);
  if (!re) endTags.set(name, (re = new RegExp(`</${name}(?![A-Za-z0-9:-])`, 'gi')));
  return re;
}

/** The visible text of `html` with a map back to file offsets (see the header). */
export function htmlVisibleText(html: string): VisibleText {
  const codes: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let preDepth = 0;
  let pendingStart = -1; // a collapsed whitespace run waiting to become one space
  let pendingEnd = -1;

  const push = (code: number, s: number, e: number): void => {
    codes.push(code);
    starts.push(s);
    ends.push(e);
  };
  const lastIsBreak = (): boolean => codes.length === 0 || codes[codes.length - 1] === 0x0a;
  // Text follows: the pending space becomes visible unless it begins a line.
  const flushSpace = (): void => {
    if (pendingStart >= 0 && !lastIsBreak()) push(0x20, pendingStart, pendingEnd);
    pendingStart = -1;
  };
  const emitText = (code: number, s: number, e: number): void => {
    if (preDepth === 0 && isCollapsible(code)) {
      if (pendingStart < 0) pendingStart = s;
      pendingEnd = e;
      return;
    }
    flushSpace();
    push(code, s, e);
  };
  const emitCodePoint = (cp: number, s: number, e: number): void => {
    if (cp > 0xffff) {
      // Both halves of the pair came from the same reference.
      const v = cp - 0x10000;
      flushSpace();
      push(0xd800 + (v >> 10), s, e);
      push(0xdc00 + (v & 0x3ff), s, e);
    } else {
      emitText(cp, s, e);
    }
  };

  let i = 0;
  while (i < html.length) {
    const c = html.charCodeAt(i);
    if (c === 0x3c /* < */) {
      if (html.startsWith('<!--', i)) {
        const close = html.indexOf('-->', i + 4);
        i = close < 0 ? html.length : close + 3;
        continue;
      }
      const next = html.charCodeAt(i + 1);
      if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
        i = tagEnd(html, i); // doctype, CDATA, processing instruction
        continue;
      }
      const closing = next === 0x2f; /* / */
      const nameMatch = /^[A-Za-z][A-Za-z0-9:-]*/.exec(html.slice(i + (closing ? 2 : 1), i + 40));
      if (!nameMatch) {
        emitText(c, i, i + 1); // a literal '<', as in "a < b"
        i++;
        continue;
      }
      const name = nameMatch[0].toLowerCase();
      const end = tagEnd(html, i);
      if (!closing && HIDDEN.has(name)) {
        // Raw text: skip to the matching end tag, whatever it contains.
        const close = endTagPattern(name);
        close.lastIndex = end;
        const found = close.exec(html);
        i = found ? tagEnd(html, found.index) : html.length;
        continue;
      }
      if (name === 'br') {
        pendingStart = -1;
        push(0x0a, i, end);
      } else if (BLOCK.has(name)) {
        pendingStart = -1; // whitespace at a block edge is not shown
        if (!lastIsBreak()) push(0x0a, i, end);
        if (PREFORMATTED.has(name)) preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
      }
      i = end;
    } else if (c === 0x26 /* & */) {
      const entity = decodeEntityAt(html, i);
      if (entity) {
        emitCodePoint(entity.codePoint, i, i + entity.length);
        i += entity.length;
      } else {
        emitText(c, i, i + 1);
        i++;
      }
    } else {
      emitText(c, i, i + 1);
      i++;
    }
  }

  return { text: stringFromUnits(Uint16Array.from(codes)), fileStart: Uint32Array.from(starts), fileEnd: Uint32Array.from(ends) };
}
