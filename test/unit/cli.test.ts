// The command line's `check`: compiler-style lines (quotes checked against
// their sources, as in the editor) and its exit code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { check } from '../../server/src/cli/check';

const SAMPLES = path.resolve(__dirname, '../../samples');

async function run(dir: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await check(dir, (l) => out.push(l), (l) => err.push(l));
  return { code, out, err };
}

test('check on the samples: no errors, exit 0; the one finding is the claim both notes hold with different verdicts', async () => {
  const r = await run(SAMPLES);
  assert.equal(r.code, 0);
  assert.deepEqual(r.out.map((l) => path.relative(SAMPLES, l)), [
    'notes/deepseek-notes.md:34:15: warning: [[openai-consumer-shift#^deepseek-cost]] is the same claim, but its verdict is Disputed (open) and this one\'s is Supported (upheld).',
    'notes/openai-consumer-shift.md:97:83: warning: [[deepseek-notes#^low-cost-training]] is the same claim, but its verdict is Supported (upheld) and this one\'s is Disputed (open).',
  ]);
  assert.deepEqual(r.err, ['21 claims in 4 notes: 0 errors, 2 warnings']);
});

test('check on a broken folder: file:line:col: severity: message, sorted, exit 1', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimlens-check-'));
  fs.writeFileSync(path.join(dir, 'n.md'), '- #claim A ^a\n- #claim B ^a\n  - status:: maybe\n');
  fs.writeFileSync(path.join(dir, 'bin.md'), Buffer.from([0, 1, 2]));
  fs.writeFileSync(path.join(dir, 'src.txt'), 'The committee met on Tuesday and voted to adjourn.\n');
  fs.writeFileSync(path.join(dir, 'q.md'), '---\nsource:\n  path: src.txt\n---\n- #claim Met ^met\n  - quote:: "met on Tuesdy and voted to"\n  - quote:: "the budget was approved"\n');
  const r = await run(dir);
  assert.equal(r.code, 1);
  assert.deepEqual(r.out.map((l) => path.relative(dir, l)), [
    'bin.md:1:1: warning: Claimlens did not read this file: binary file (it contains NUL bytes), skipped.',
    'n.md:1:13: error: The claim id ^a is used 2 times in this note; ids must be unique.',
    'n.md:2:13: error: The claim id ^a is used 2 times in this note; ids must be unique.',
    'n.md:3:14: warning: Unknown status "maybe": use one of unverified, supported, plausible, disputed, misleading, refuted.',
    "q.md:6:13: warning: Quote differs from the source (1 edit): 'Tuesdy' → 'Tuesday'",
    'q.md:7:13: error: Quote not found in src.txt.',
  ]);
  assert.deepEqual(r.err, ['3 claims in 2 notes: 3 errors, 3 warnings']);
  fs.rmSync(dir, { recursive: true, force: true });
});
