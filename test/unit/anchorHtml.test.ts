// Anchoring in HTML sources: quotes match the visible text, and each result
// maps back to the .html file. File offsets are counted by hand (line starts
// noted below) and checked again by slicing the HTML.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anchorQuote } from '../../server/src/core/anchoring/anchor';
import { htmlVisibleText } from '../../server/src/core/anchoring/htmlText';
import { prepareSource } from '../../server/src/core/anchoring/sourceText';

// Line starts: 0, 16, 96, 103, 128 (the <p> line), 198, 242, 261, 292, 317.
const HTML = [
  '<!DOCTYPE html>',
  '<html><head><title>Ignored title</title><style>p { color: red; }</style></head>',
  '<body>',
  '<h1>Tom &amp; Jerry</h1>',
  '<p>It&rsquo;s a <em>classic</em> &#8212; says&nbsp;the critic.</p>',
  '<script>var s = "<p>not text</p>";</script>',
  '<!-- a comment -->',
  '<p class="x>y">Don&#8217;t   look',
  '  back.<br>Next line</p>',
  '</body></html>',
].join('\n');

// T0 … y10 \n11 I12 t13 ’14 s15 … says 29-32, nbsp33, the 34-36, critic 38-43, .44 \n45
// D46 o47 n48 ’49 t50 ␠51 look 52-55 ␠56 back. 57-61 \n62 Next line 63-71 \n72
const VISIBLE = 'Tom & Jerry\nIt’s a classic — says\u00a0the critic.\nDon’t look back.\nNext line\n';

const src = prepareSource(HTML, 'html');

test('visible text: no tags, title, style, script or comment; entities decoded; blocks break lines', () => {
  assert.equal(src.text, VISIBLE);
  assert.equal(src.fileText, HTML);
});

test('an entity inside the quote maps back to the whole reference', () => {
  const r = anchorQuote(src, 'Tom & Jerry');
  assert.equal(r.method, 'exact');
  assert.equal(r.start, 0);
  assert.equal(r.end, 11);
  assert.equal(r.fileStart, 107);
  assert.equal(r.fileEnd, 122);
  assert.equal(HTML.slice(r.fileStart, r.fileEnd), 'Tom &amp; Jerry');
  assert.deepEqual(r.fileStartPos, { line: 3, character: 4 });
  assert.deepEqual(r.fileEndPos, { line: 3, character: 19 });
  assert.deepEqual(r.startPos, { line: 0, character: 0 });
  assert.equal(r.suffix, '\nIt’s a classic — says\u00a0the criti');
});

test('&rsquo;, &#8212;, &nbsp; and inline tags: normalized in the visible text, mapped to the file', () => {
  const r = anchorQuote(src, "It's a classic - says the critic");
  assert.equal(r.method, 'normalized');
  assert.equal(r.start, 12);
  assert.equal(r.end, 44);
  assert.equal(r.exact, 'It’s a classic — says\u00a0the critic');
  assert.equal(r.prefix, 'Tom & Jerry\n');
  assert.equal(r.suffix, '.\nDon’t look back.\nNext line\n');
  assert.equal(r.fileStart, 131);
  assert.equal(r.fileEnd, 189);
  assert.equal(HTML.slice(r.fileStart, r.fileEnd), 'It&rsquo;s a <em>classic</em> &#8212; says&nbsp;the critic');
  assert.deepEqual(r.startPos, { line: 1, character: 0 });
  assert.deepEqual(r.fileStartPos, { line: 4, character: 3 });
  assert.deepEqual(r.fileEndPos, { line: 4, character: 61 });
});

test('&#8217; and collapsed whitespace, after an attribute value containing ">"', () => {
  const r = anchorQuote(src, 'Don’t look back.');
  assert.equal(r.method, 'exact');
  assert.equal(r.start, 46);
  assert.equal(r.end, 62);
  assert.equal(r.fileStart, 273);
  assert.equal(r.fileEnd, 299);
  assert.equal(HTML.slice(r.fileStart, r.fileEnd), 'Don&#8217;t   look\n  back.');
  assert.deepEqual(r.fileStartPos, { line: 7, character: 15 });
  assert.deepEqual(r.fileEndPos, { line: 8, character: 7 });
  assert.deepEqual(r.startPos, { line: 2, character: 0 });
});

test('<br> is a line break; a quote across it is normalized', () => {
  const r = anchorQuote(src, 'back. Next line');
  assert.equal(r.method, 'normalized');
  assert.equal(r.start, 57);
  assert.equal(r.end, 72);
  assert.equal(HTML.slice(r.fileStart, r.fileEnd), 'back.<br>Next line');
  assert.equal(r.fileStart, 294);
  assert.equal(r.fileEnd, 312);
});

test('hidden text is not anchored', () => {
  for (const quote of ['not text', 'Ignored title', 'color: red', 'a comment', 'DOCTYPE html']) {
    const r = anchorQuote(src, quote);
    assert.equal(r.method, 'not-found', quote);
    assert.deepEqual([r.start, r.end, r.fileStart, r.fileEnd], [0, 0, 0, 0]);
    assert.deepEqual(r.fileStartPos, { line: 0, character: 0 });
  }
});

test('astral numeric references, Windows-1252 numbers, unknown names and a literal "<"', () => {
  // <p>0-2 smile 3-7 ␠8 &#x1F600; 9-17 ␠18 here 19-22 </p> 23 …
  const html = '<p>smile &#x1F600; here</p><p>it&#146;s &foo; a &lt; b, a < c</p>';
  const v = htmlVisibleText(html);
  assert.equal(v.text, 'smile 😀 here\nit’s &foo; a < b, a < c\n');
  const s = prepareSource(html, 'html');
  const r = anchorQuote(s, '😀 here');
  assert.equal(r.start, 6);
  assert.equal(r.end, 13);
  assert.equal(r.fileStart, 9);
  assert.equal(r.fileEnd, 23);
  assert.equal(html.slice(r.fileStart, r.fileEnd), '&#x1F600; here');
});

test('<pre> keeps its whitespace; an HTML file with a BOM counts after it', () => {
  const html = '\uFEFF<div>a  b</div><pre>x  y\n z</pre>';
  const s = prepareSource(html, 'html');
  assert.equal(s.bomLength, 1);
  assert.equal(s.text, 'a b\nx  y\n z\n');
  const r = anchorQuote(s, 'x  y\n z');
  assert.equal(r.method, 'exact');
  assert.equal(r.fileStart, 20); // <div>0-4 a␠␠b 5-8 </div> 9-14 <pre> 15-19
  assert.equal(s.fileText.slice(r.fileStart, r.fileEnd), 'x  y\n z');
});

test('unclosed comments, scripts and tags do not throw', () => {
  for (const html of ['a <!-- b', 'a <script> b', 'a <p class="x', '<', '&', '&#;', '&#99999999;']) {
    const s = prepareSource(html, 'html');
    assert.equal(typeof anchorQuote(s, 'a').method, 'string');
  }
  assert.equal(htmlVisibleText('&#99999999; &#0;').text, '\uFFFD \uFFFD');
});

test('a long page with many scripts is read in one pass', () => {
  const block = '<script>if (a </b) x = "</p>";</script><p>Paragraph &amp; text.</p>\n';
  const html = block.repeat(20_000); // 1.4 MB, 20,000 scripts
  const started = performance.now();
  const s = prepareSource(html, 'html');
  assert.ok(performance.now() - started < 2000);
  assert.equal(s.text.length, 'Paragraph & text.\n'.length * 20_000);
  const r = anchorQuote(s, 'text.\nParagraph & text');
  assert.equal(r.fileStart, html.indexOf('text.</p>'));
});

test('a page full of bare "&" is read in one pass', () => {
  const html = '<p>' + 'Q&A and R&D '.repeat(100_000) + 'end;</p>';
  const started = performance.now();
  const s = prepareSource(html, 'html');
  assert.ok(performance.now() - started < 2000);
  assert.ok(s.text.startsWith('Q&A and R&D Q&A'));
  assert.equal(anchorQuote(s, 'R&D end;').fileEnd, html.length - 4);
});
