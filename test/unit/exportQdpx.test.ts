// The REFI-QDA export: the .qdpx unzips to project.qde and the sources; the
// project validates against the QDA-XML 1.0 schema (test/fixtures, MIT) with
// xmllint; every PlainTextSelection's offsets slice its source file to the
// quote; codings point at codes that exist; the same notes give the same bytes.
import { nodeCodec } from '../../server/src/node/codec';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { writeQdpx } from '../../server/src/core/export/qdpx';
import { type ExportModel } from '../../server/src/core/export/exportModel';
import { ARTICLE, PROJECT, samplesModel } from './exportHelpers';

const XSD = path.join(PROJECT, 'test/fixtures/refi-qda-project-1.0.xsd');
const xmllint = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
const NO_XMLLINT = xmllint.error ? 'xmllint is not installed (Debian package libxml2-utils; `npm test` installs it)' : undefined;

function unzip(model: ExportModel): Record<string, string> {
  const files = unzipSync(writeQdpx(model, { codec: nodeCodec }));
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

interface Selection { guid: string; name: string; start: number; end: number; source: string; codes: string[] }

/** The selections of project.qde, with the internal file of the source each is in. */
function selections(qde: string): Selection[] {
  const out: Selection[] = [];
  for (const src of qde.matchAll(/<TextSource [^>]*plainTextPath="internal:\/\/([^"]+)"[^>]*>([\s\S]*?)<\/TextSource>/g)) {
    for (const sel of src[2]!.matchAll(/<PlainTextSelection guid="([^"]+)" name="([^"]+)" startPosition="(\d+)" endPosition="(\d+)"[^>]*>([\s\S]*?)<\/PlainTextSelection>/g)) {
      const codes = [...sel[5]!.matchAll(/<CodeRef targetGUID="([^"]+)"\/>/g)].map((m) => m[1]!);
      out.push({ guid: sel[1]!, name: sel[2]!, start: Number(sel[3]), end: Number(sel[4]), source: `sources/${src[1]}`, codes });
    }
  }
  return out;
}

function validate(qde: string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimlens-qdpx-'));
  const file = path.join(dir, 'project.qde');
  fs.writeFileSync(file, qde);
  const r = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr.trim(), `${file} validates`);
}

test('the .qdpx holds project.qde and the article, and project.qde validates against the REFI-QDA schema', { skip: NO_XMLLINT }, async () => {
  const files = unzip(await samplesModel());
  const names = Object.keys(files).sort();
  assert.equal(names.length, 2);
  assert.equal(names[0], 'project.qde');
  assert.match(names[1]!, /^sources\/[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.txt$/);
  assert.equal(files[names[1]!], ARTICLE);
  assert.match(files['project.qde']!, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Project xmlns="urn:QDA-XML:project:1.0" /);
  validate(files['project.qde']!);
});

test('every PlainTextSelection slices its source file to the quote, coded with status and entities', async () => {
  const model = await samplesModel();
  const files = unzip(model);
  const qde = files['project.qde']!;
  const sels = selections(qde);
  assert.equal(sels.length, 24);
  const codeGuids = new Set([...qde.matchAll(/<Code guid="([^"]+)"/g)].map((m) => m[1]!));
  assert.equal(codeGuids.size, 2 + 6 + 12, 'two branches, six statuses, twelve entities');
  const quotes = model.claims.flatMap((c) => c.quotes.map((q) => ({ claim: c, q })));
  sels.forEach((s, i) => {
    const { claim, q } = quotes[i]!;
    assert.equal(s.name, claim.id);
    assert.equal(files[s.source]!.slice(s.start, s.end), q.match!.exact);
    // An elided quote ("a ... b") spans from its first part to its last.
    if (!/\.\.\.|…/.test(q.text)) assert.equal(files[s.source]!.slice(s.start, s.end), q.text);
    assert.equal(s.codes.length, 1 + claim.entities.length);
    for (const c of s.codes) assert.ok(codeGuids.has(c), `coding points at a missing code ${c}`);
  });
  assert.equal(new Set(sels.map((s) => s.guid)).size, 24);
  const codings = [...qde.matchAll(/<Coding guid="([^"]+)">/g)].map((m) => m[1]!);
  assert.equal(codings.length, sels.reduce((n, s) => n + s.codes.length, 0));
  assert.equal(new Set(codings).size, codings.length, 'every coding has its own GUID');
  for (const g of codings) assert.match(g, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('the same notes give the same bytes (name-based GUIDs, fixed zip times)', async () => {
  const a = writeQdpx(await samplesModel(), { codec: nodeCodec });
  const b = writeQdpx(await samplesModel(), { codec: nodeCodec });
  assert.deepEqual(a, b);
});

test('an HTML source is shipped as its visible text, and the offsets slice that text', { skip: NO_XMLLINT }, async () => {
  const model = await samplesModel(undefined, {
    'notes/page.md': '---\nsource:\n  title: A page & <more>\n  path: ../articles/page.html\n---\n- #claim It is "bold". ^bold\n  - quote:: "bold claim"\n',
    'articles/page.html': '<html><head><style>p{}</style></head><body><p>A <b>bold claim</b>&amp; more.</p></body></html>',
  });
  const files = unzip(model);
  validate(files['project.qde']!);
  const sel = selections(files['project.qde']!).find((s) => s.name === 'notes/page#^bold')!;
  assert.equal(files[sel.source], 'A bold claim& more.\n');
  assert.deepEqual([sel.start, sel.end, files[sel.source]!.slice(sel.start, sel.end)], [2, 12, 'bold claim']);
  assert.match(files['project.qde']!, /name="A page &amp; &lt;more&gt;"/);
});
