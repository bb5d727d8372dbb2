// `claimlens export`: standard output or an atomically written file, never
// replaced without --force; filters; and the usage errors.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { exportCommand } from '../../server/src/cli/export';
import { TargetExistsError, writeFileAtomic } from '../../server/src/node/atomicWrite';
import { SAMPLES } from './exportHelpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'claimlens-export-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let out = '';
  const err: string[] = [];
  const code = await exportCommand(argv, { out: (d) => { out += d; }, err: (l) => err.push(l) });
  return { code, out, err };
}

test('without -o the export goes to standard output, the summary to standard error', async () => {
  const r = await run(SAMPLES, '--format', 'csv', '--status', 'refuted,misleading');
  assert.equal(r.code, 0);
  assert.deepEqual(r.out.split('\r\n').map((l) => l.split(',')[0]), ['id', 'notes/openai-consumer-shift#^deepseek-owner', 'notes/openai-consumer-shift#^subscriptions', '']);
  assert.deepEqual(r.err, ['exported 2 claims, 2 quotes (2 anchored)']);
});

test('-o writes the file; an existing file is refused without --force and kept as it was', async () => {
  const file = path.join(tmp, 'claims.json');
  const first = await run(SAMPLES, '--format', 'json', '-o', file, '--note', 'deepseek-notes.md');
  assert.equal(first.code, 0);
  assert.match(first.err[0]!, /^exported 3 claims, 0 quotes \(0 anchored\) to .*claims\.json \(\d+ bytes\)$/);
  const written = fs.readFileSync(file, 'utf8');
  assert.equal(JSON.parse(written).claims.length, 3);

  const again = await run(SAMPLES, '--format', 'json', '-o', file);
  assert.equal(again.code, 1);
  assert.deepEqual(again.err, [`claimlens export: ${file} already exists; use --force to replace it`]);
  assert.equal(fs.readFileSync(file, 'utf8'), written);

  const forced = await run(SAMPLES, '--format', 'json', '-o', file, '--force');
  assert.equal(forced.code, 0);
  assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).claims.length, 21);
  assert.deepEqual(fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp')), [], 'no temporary file is left behind');
});

test('qdpx needs -o; unknown formats, filters and options are usage errors (exit 2)', async () => {
  assert.deepEqual(await run(SAMPLES, '--format', 'qdpx'),
    { code: 2, out: '', err: ['claimlens export: the qdpx format is a zip file; name it with -o FILE'] });
  const bad = await run(SAMPLES, '--format', 'pdf');
  assert.equal(bad.code, 2);
  assert.match(bad.err[0]!, /^claimlens export: unknown format "pdf"\nusage: claimlens export \[DIR\] --format json\|csv\|md\|w3c\|claimreview\|qdpx/);
  assert.equal((await run(SAMPLES)).err[0]!.split('\n')[0], 'claimlens export: --format is required');
  assert.deepEqual(await run(SAMPLES, '--format', 'md', '--entity', 'Nobody'),
    { code: 2, out: '', err: ['claimlens export: No entity is named "Nobody".'] });
  assert.equal((await run(SAMPLES, '--format', 'md', '--colour')).code, 2);
});

test('qdpx to a file: a zip that starts with the local file header', async () => {
  const file = path.join(tmp, 'claims.qdpx');
  const r = await run(SAMPLES, '--format', 'qdpx', '-o', file);
  assert.equal(r.code, 0);
  assert.deepEqual([...fs.readFileSync(file).subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
});

test('writeFileAtomic: the hard link refuses a name that appeared meanwhile; overwrite replaces it whole', async () => {
  const file = path.join(tmp, 'race.txt');
  fs.writeFileSync(file, 'someone else');
  await assert.rejects(writeFileAtomic(file, 'mine', false), TargetExistsError);
  assert.equal(fs.readFileSync(file, 'utf8'), 'someone else');
  assert.deepEqual(await writeFileAtomic(file, 'mine', true), { bytes: 4 });
  assert.equal(fs.readFileSync(file, 'utf8'), 'mine');
  await assert.rejects(writeFileAtomic(path.join(tmp, 'no-such-dir', 'x.txt'), 'x', false), { code: 'ENOENT' });
  assert.deepEqual(fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp')), []);
});

test('csv cells that a spreadsheet would run get a leading quote, unless --keep-formulas', async () => {
  const dir = path.join(tmp, 'formulas');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'n.md'), '- #claim =HYPERLINK("http://example.com","click") ^f\n');
  const textOf = (out: string) => (parse(out, { columns: true }) as Array<{ text: string }>)[0]!.text;
  assert.equal(textOf((await run(dir, '--format', 'csv')).out), `'=HYPERLINK("http://example.com","click")`);
  assert.equal(textOf((await run(dir, '--format', 'csv', '--keep-formulas')).out), '=HYPERLINK("http://example.com","click")');
});

test('an export never writes over a file the workspace reads, nor over anything that is not a regular file, even with --force', async () => {
  const dir = path.join(tmp, 'own-files');
  fs.cpSync(SAMPLES, dir, { recursive: true });
  const note = path.join(dir, 'notes', 'deepseek-notes.md');
  const before = fs.readFileSync(note, 'utf8');
  for (const [file, what] of [
    [note, "one of the workspace's notes"],
    [path.join(dir, 'entities.yaml'), 'an entity registry of the workspace'],
    [path.join(dir, '.claimlens.yaml'), "the workspace's .claimlens.yaml"],
    [path.join(dir, 'articles', 'openai-consumer-shift.txt'), 'the saved source of a note'],
  ] as const) {
    const r = await run(dir, '--format', 'md', '-o', file, '--force');
    assert.equal(r.code, 1);
    assert.deepEqual(r.err, [`claimlens export: ${file} is ${what}; an export never writes over a file the workspace reads, even with --force`]);
  }
  assert.equal(fs.readFileSync(note, 'utf8'), before);
  const folder = await run(dir, '--format', 'json', '-o', path.join(dir, 'notes'), '--force');
  assert.deepEqual([folder.code, folder.err], [1, [`claimlens export: ${path.join(dir, 'notes')} is a folder, not a regular file; Claimlens only ever replaces a regular file.`]]);
  assert.ok(fs.statSync(path.join(dir, 'notes')).isDirectory());
});

test('--text takes the claims whose text or id contains the words, as the claims panel\'s text filter shows them', async () => {
  const r = await run(SAMPLES, '--format', 'json', '--text', 'DeepSeek');
  assert.equal(r.code, 0);
  const claims = JSON.parse(r.out).claims as Array<{ text: string; localId?: string }>;
  // The panel shows 6 of the samples' 21 claims for "deepseek".
  assert.equal(claims.length, 6);
  assert.ok(claims.every((c) => /deepseek/i.test(c.text) || /deepseek/i.test(c.localId ?? '')));
  const both = await run(SAMPLES, '--format', 'json', '--text', 'deepseek', '--status', 'refuted');
  assert.deepEqual((JSON.parse(both.out).claims as Array<{ id: string }>).map((c) => c.id), ['notes/openai-consumer-shift#^deepseek-owner']);
});

test('--format graphml and mermaid write the claim map of the filtered claims; --relation draws only those relations', async () => {
  const graphml = await run(SAMPLES, '--format', 'graphml', '--note', 'deepseek-notes.md', '--relation', 'supports,same-as');
  assert.equal(graphml.code, 0);
  assert.deepEqual(graphml.err, ['exported 3 claims, 0 entities and 0 relations'], 'the claims they link to are in the other note');
  assert.equal((graphml.out.match(/<node id="claim:notes\/deepseek-notes#\^/g) ?? []).length, 3);
  const file = path.join(tmp, 'map.mmd');
  const mermaid = await run(SAMPLES, '--format', 'mermaid', '-o', file, '--kind', 'prediction', '--entity', 'Altman', '--status', 'plausible');
  assert.equal(mermaid.code, 0);
  assert.match(mermaid.err[0]!, /^exported 3 claims, 1 entity and 4 relations to .*map\.mmd \(\d+ bytes\)$/);
  const text = fs.readFileSync(file, 'utf8');
  assert.match(text, /^flowchart TB\n {2}subgraph n1\["notes\/openai-consumer-shift\.md"\]\n {4}c1\[\/"Frontier models/);
  assert.match(text, /\n {2}c2 -->\|refines\| c1\n/);
  assert.equal((text.match(/ -\.->\|by\| e1\n/g) ?? []).length, 3);
});

test('--kind filters every format; --relation belongs to the claim map\'s formats; unknown values are usage errors', async () => {
  const csv = await run(SAMPLES, '--format', 'csv', '--kind', 'Statistic');
  assert.deepEqual([csv.code, csv.err], [0, ['exported 1 claim, 2 quotes (2 anchored)']]);
  assert.deepEqual(await run(SAMPLES, '--format', 'csv', '--relation', 'supports'),
    { code: 2, out: '', err: ['claimlens export: A relation filter applies to the claim map\'s formats (graphml, mermaid), not to csv.'] });
  assert.deepEqual(await run(SAMPLES, '--format', 'graphml', '--relation', 'causes'),
    { code: 2, out: '', err: ['claimlens export: Unknown relation "causes": use one of supports, contradicts, refines, same-as, by, mentions.'] });
  assert.deepEqual(await run(SAMPLES, '--format', 'mermaid', '--kind', 'poem'),
    { code: 2, out: '', err: ['claimlens export: No claim is of kind "poem": the kinds in use are fact, opinion, prediction, quote, statistic.'] });
});
