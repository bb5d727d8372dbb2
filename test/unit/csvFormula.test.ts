// CSV formula injection: a claim copied from a hostile page must not run as a
// formula when the export is opened in a spreadsheet, unless the caller keeps
// formulas on purpose (WriteOptions.csvKeepFormulas).
import { nodeCodec } from '../../server/src/node/codec';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { writeCsv } from '../../server/src/core/export/csv';
import { FORMATS } from '../../server/src/core/export/formats';
import { samplesModel } from './exportHelpers';

const NOTE = `---
source:
  title: "@everyone read this"
  url: https://example.com/x
---
- #claim =HYPERLINK("http://x","x") ^formula
  - status:: refuted
- #claim +1 works too ^plus
- #claim -5 % in Q3 ^minus
- #claim A plain claim = not a formula ^plain
`;

async function rows(keepFormulas?: boolean): Promise<Array<Record<string, string>>> {
  const model = await samplesModel({ note: ['inject.md'] }, { 'inject.md': NOTE });
  const csv = keepFormulas === undefined ? writeCsv(model) : FORMATS.csv.write(model, { codec: nodeCodec, csvKeepFormulas: keepFormulas }) as string;
  return parse(csv, { columns: true, record_delimiter: '\r\n' });
}

test('by default a cell starting with =, +, - or @ gets a leading quote; other cells are untouched', async () => {
  const byId = new Map((await rows()).map((r) => [r.id, r]));
  assert.equal(byId.get('inject#^formula')?.text, `'=HYPERLINK("http://x","x")`);
  assert.equal(byId.get('inject#^plus')?.text, `'+1 works too`);
  assert.equal(byId.get('inject#^minus')?.text, `'-5 % in Q3`);
  assert.equal(byId.get('inject#^plain')?.text, 'A plain claim = not a formula');
  assert.equal(byId.get('inject#^formula')?.source_title, `'@everyone read this`);
  assert.equal(byId.get('inject#^formula')?.status, 'refuted');
});

test('with csvKeepFormulas every cell is written verbatim', async () => {
  const byId = new Map((await rows(true)).map((r) => [r.id, r]));
  assert.equal(byId.get('inject#^formula')?.text, '=HYPERLINK("http://x","x")');
  assert.equal(byId.get('inject#^minus')?.text, '-5 % in Q3');
  assert.equal(byId.get('inject#^formula')?.source_title, '@everyone read this');
  // The option off is the default: the same as not giving it.
  assert.deepEqual(await rows(false), await rows());
});
