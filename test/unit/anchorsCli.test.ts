// `claimlens anchors --confirm [DIR]`: the record written atomically, the same
// bytes on a second run (and then not rewritten), and every wrong folder or
// record refused with a message that says what is wrong.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { anchorsCommand } from '../../server/src/cli/anchors';
import { SAMPLES } from './exportHelpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'claimlens-anchors-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await anchorsCommand(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

function copyOfSamples(name: string): string {
  const dir = path.join(tmp, name);
  fs.cpSync(SAMPLES, dir, { recursive: true });
  return dir;
}

test('--confirm writes .claimlens/anchors.json: sorted, stable, and not rewritten when nothing changed', async () => {
  const dir = copyOfSamples('samples');
  const record = path.join(dir, '.claimlens/anchors.json');
  const first = await run('--confirm', dir);
  assert.equal(first.code, 0, first.err.join('\n'));
  assert.deepEqual(first.out.map((l) => l.replace(path.relative(process.cwd(), record), 'RECORD')), [
    'Wrote RECORD: 22 quotes recorded (22 new or changed).',
    'Not recorded: 2 quotes that match in several places alike (pin one place each with the quick fix in the editor).',
  ]);
  const text = fs.readFileSync(record, 'utf8');
  const data = JSON.parse(text);
  assert.deepEqual(Object.keys(data), ['format', 'quotes', 'version']);
  const keys = Object.keys(data.quotes);
  assert.deepEqual(keys, [...keys].sort(), 'entries in key order');
  assert.deepEqual(Object.keys(data.quotes[keys[0]!]), ['end', 'exact', 'prefix', 'quote', 'sha256', 'source', 'start', 'suffix']);
  assert.equal(data.quotes['notes/openai-consumer-shift.md#^consumer-pivot/1'].sha256, 'a1b0f8a1422255184780c202a11b29b730359ee176e96feed9248adc9994b994',
    'a plain-text source without a byte-order mark: its sha256sum');
  assert.ok(text.endsWith('}\n') && text.includes('\n  "quotes": {\n    "notes/'), '2-space indentation, a final newline');
  assert.deepEqual(fs.readdirSync(path.dirname(record)), ['anchors.json'], 'no temporary file left beside it');

  const inode = fs.statSync(record).ino;
  const again = await run('--confirm', dir);
  assert.equal(again.code, 0);
  assert.match(again.out[0]!, /anchors\.json is up to date: 22 quotes recorded\.$/);
  assert.equal(fs.readFileSync(record, 'utf8'), text);
  assert.equal(fs.statSync(record).ino, inode, 'the same file: not written again');
});

test('a changed note is written as a new file in one step (the old one replaced whole)', async () => {
  const dir = copyOfSamples('edited');
  await run('--confirm', dir);
  const record = path.join(dir, '.claimlens/anchors.json');
  const before = fs.statSync(record).ino;
  const note = path.join(dir, 'notes/openai-consumer-shift.md');
  fs.writeFileSync(note, fs.readFileSync(note, 'utf8').replace(/\n {2}- quote:: "tasteful way"/, ''));
  const r = await run('--confirm', dir);
  assert.equal(r.code, 0);
  assert.match(r.out[0]!, /^Wrote .*anchors\.json: 21 quotes recorded\.$/);
  assert.notEqual(fs.statSync(record).ino, before, 'renamed into place, not rewritten in place');
  assert.equal(JSON.parse(fs.readFileSync(record, 'utf8')).quotes['notes/openai-consumer-shift.md#^affiliate-fee/2'], undefined);
});

test('wrong folders are refused with a clear message (exit 2); so is a missing --confirm', async () => {
  const file = path.join(tmp, 'a-file.txt');
  fs.writeFileSync(file, 'not a folder');
  assert.deepEqual(await run('--confirm', path.join(tmp, 'nowhere')), { code: 2, out: [], err: [`claimlens anchors: there is no folder ${path.join(tmp, 'nowhere')}`] });
  assert.deepEqual(await run('--confirm', file), { code: 2, out: [], err: [`claimlens anchors: ${file} is not a folder`] });
  assert.deepEqual(await run('--confirm', tmp, SAMPLES), { code: 2, out: [], err: [`claimlens anchors: one folder at most\n${(await run('--help')).err[0]}`] });
  const bare = await run(SAMPLES);
  assert.equal(bare.code, 2);
  assert.match(bare.err[0]!, /^claimlens anchors: say --confirm to record the quotes' anchors\nusage: claimlens anchors --confirm \[DIR\]/);
  const empty = fs.mkdtempSync(path.join(tmp, 'empty-'));
  assert.deepEqual(await run('--confirm', empty), { code: 0, out: [`No quote to record in ${empty}: no note there names a saved source with a quote found in it.`], err: [] });
  assert.deepEqual(fs.readdirSync(empty), [], 'nothing written where there is nothing to record');
});

test('a record that cannot be written, or has problems, is left as it was (exit 1)', async () => {
  const blocked = copyOfSamples('blocked');
  fs.writeFileSync(path.join(blocked, '.claimlens'), 'a file where the folder should be');
  const r = await run('--confirm', blocked);
  assert.equal(r.code, 1);
  assert.match(r.err[0]!, /^claimlens anchors: .*\.claimlens\/anchors\.json could not be written: /);

  const linked = copyOfSamples('linked');
  fs.mkdirSync(path.join(linked, '.claimlens'));
  fs.symlinkSync(path.join(tmp, 'elsewhere.json'), path.join(linked, '.claimlens/anchors.json'));
  const l = await run('--confirm', linked);
  assert.equal(l.code, 1);
  assert.match(l.err[0]!, /is a symbolic link, not a regular file; Claimlens only ever replaces a regular file\./);
  assert.equal(fs.existsSync(path.join(tmp, 'elsewhere.json')), false, 'nothing written through the link');

  const conflicted = copyOfSamples('conflicted');
  fs.mkdirSync(path.join(conflicted, '.claimlens'));
  const merge = '<<<<<<< HEAD\n{ "format": "claimlens-anchors" }\n=======\n{}\n>>>>>>> other\n';
  fs.writeFileSync(path.join(conflicted, '.claimlens/anchors.json'), merge);
  const c = await run('--confirm', conflicted);
  assert.equal(c.code, 1);
  assert.match(c.err[0]!, /^claimlens anchors: \.claimlens\/anchors\.json has a problem \(line 1: The anchors record is not valid JSON .*\) and is not rewritten: correct it, or delete it to start again\.$/);
  assert.equal(fs.readFileSync(path.join(conflicted, '.claimlens/anchors.json'), 'utf8'), merge);
});
