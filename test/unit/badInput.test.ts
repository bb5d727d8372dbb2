// The bad-input corpus (test/bad-input/): each file is read the way the
// server reads a workspace (FsWorkspace, WorkspaceIndex) and must give the
// diagnostic or skip reason in the table below, with the rest of the file
// kept. The largest cases are generated here rather than committed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FsWorkspace } from '../../server/src/node/fsWorkspace';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import { fileUri } from '../../server/src/core/workspace/workspace';
import { parseConfig } from '../../server/src/core/notes/config';
import { parseNote } from '../../server/src/core/notes/parser';
import { BINARY, NOT_UTF8 } from '../../server/src/core/text/decode';
import { type NoteModel, type Problem } from '../../server/src/core/notes/model';

const DIR = path.join(__dirname, '..', 'bad-input');

interface Expect {
  /** The skip reason, when the file must not be read at all. */
  skip?: string;
  /** The problem codes, exactly (order ignored); each with the message that must match, if given. */
  problems?: Array<[code: string, message?: RegExp, line?: number]>;
  /** Further facts about what was kept. */
  then?: (note: NoteModel | undefined, index: WorkspaceIndex) => void;
}

const stillRead = (note: NoteModel | undefined) => assert.deepEqual(note?.claims.map((c) => c.id), ['still']);

const TABLE: Record<string, Expect> = {
  'alias-bomb.md': { problems: [['front-matter-yaml', /billion laughs/, 4]], then: stillRead },
  'alias-hundred.md': {
    problems: [],
    then: (note) => { stillRead(note); assert.deepEqual(note?.frontMatter?.data.y, Array(100).fill('hi')); },
  },
  'brackets-10000.md': { problems: [['front-matter-yaml', /nested more than 100 levels/, 1]], then: stillRead },
  'deep-nesting.md': { problems: [['front-matter-yaml', /nested more than 100 levels/, 101]], then: stillRead },
  'binary.md': { skip: BINARY },
  'invalid-utf8.md': { skip: NOT_UTF8 },
  'utf16-bom.md': { skip: BINARY },
  'crlf.md': {
    problems: [],
    then: (note) => {
      assert.deepEqual(note?.claims.map((c) => [c.id, c.text, c.line, c.status]), [['one', 'First.', 2, 'refuted'], ['two', 'Second.', 4, undefined]]);
      assert.deepEqual(note?.claims[0].idRange, { start: { line: 2, character: 17 }, end: { line: 2, character: 20 } });
    },
  },
  'lone-cr.md': {
    problems: [],
    then: (note) => assert.deepEqual(note?.claims.map((c) => [c.id, c.text, c.line, c.status]), [['one', 'First.', 2, 'refuted'], ['two', 'Second.', 4, undefined]]),
  },
  'claim-alone.md': { problems: [['empty-claim', /has no text/, 0]] },
  'unclosed-link.md': { problems: [['unclosed-link', /never closed/, 0]], then: (note) => assert.equal(note?.claims[0].id, 'open') },
  'sha256-number.md': {
    problems: [],
    then: (note) => { stillRead(note); assert.equal(note?.sources[0].sha256, '0'.repeat(64)); },
  },
  'sha256-not-text.md': {
    problems: [['front-matter-source', /sha256 should be the digest as text/, 3], ['front-matter-source', /title should be text/, 4]],
    then: (note) => { stillRead(note); assert.equal(note?.sources[0].path, 'a.txt'); assert.equal(note?.sources[0].sha256, undefined); },
  },
  'huge-numbers.md': {
    problems: [],
    then: (note, index) => {
      assert.deepEqual(note?.frontMatter?.data, {
        big: '9007199254740993', thirty: '123456789012345678901234567890', huge: '1e400', long: '7'.repeat(400), plain: 42,
      });
      // Both mentions resolve to their entities: neither id was rounded on either side.
      assert.deepEqual(note?.links.map((l) => index.resolveEntity(l.target).map((e) => e.name)), [['Exact Id'], ['1e400']]);
    },
  },
  'huge-numbers.entities.yaml': {
    problems: [],
    then: (_note, index) => {
      assert.deepEqual(index.entities().map((e) => [e.id, e.name, e.aliases]).sort(), [
        ['123456789012345678901234567890', '1e400', ['7'.repeat(400)]],
        ['9007199254740993', 'Exact Id', []],
      ]);
    },
  },
};

const CONFIGS: Record<string, Array<[code: string, message: RegExp, line: number]>> = {
  'config-statuses-string.yaml': [['config-shape', /statuses: should be a list/, 0]],
  'config-statuses-number.yaml': [['config-shape', /statuses: should be a list/, 0]],
  'config-statuses-null.yaml': [['config-shape', /statuses: should be a list/, 0]],
  'config-include-number.yaml': [['config-shape', /notes.include should be a glob/, 1]],
  'config-status-no-id.yaml': [['config-status', /needs an id/, 2]],
  'config-rating-word.yaml': [['config-status', /rating: should be a number, not "high"/, 2]],
};

function assertProblems(file: string, got: Problem[], expected: Array<[string, RegExp?, number?]>): void {
  assert.deepEqual(got.map((p) => p.code).sort(), expected.map((e) => e[0]).sort(), `${file}: ${JSON.stringify(got)}`);
  for (const [code, message, line] of expected) {
    const p = got.find((q) => q.code === code && (!message || message.test(q.message)));
    assert.ok(p, `${file}: no ${code} matching ${message}: ${JSON.stringify(got)}`);
    if (line !== undefined) assert.equal(p.range.start.line, line, `${file}: ${code} on line ${p.range.start.line}`);
  }
}

test('every file of the bad-input corpus gives its expected diagnostic or skip reason, and the rest is kept', async () => {
  const listed = fs.readdirSync(DIR).filter((f) => f !== 'README.md' && !f.startsWith('.'));
  assert.deepEqual(listed.sort(), [...Object.keys(TABLE), ...Object.keys(CONFIGS)].sort(), 'the table covers the corpus exactly');
  const index = new WorkspaceIndex(new FsWorkspace([fileUri(DIR)]));
  await index.build();
  for (const [file, expect] of Object.entries(TABLE)) {
    const uri = fileUri(path.join(DIR, file));
    if (expect.skip) {
      assert.equal(index.skipped.get(uri), expect.skip, file);
      continue;
    }
    assertProblems(file, index.fileProblems(uri), expect.problems ?? []);
    expect.then?.(index.notes.get(uri), index);
  }
  for (const [file, expected] of Object.entries(CONFIGS)) {
    const config = parseConfig(fs.readFileSync(path.join(DIR, file), 'utf8'));
    assertProblems(file, config.problems, expected);
  }
  console.log(`bad input: ${listed.length} corpus files gave their expected diagnostics`);
});

test('generated giants: a 100,000-character line and 50,000 unclosed [[ are read in linear time with few warnings', () => {
  const cases: Array<[string, string, (n: NoteModel) => void]> = [
    ['long heading', '# a' + ' '.repeat(100_000) + 'b\n', (n) => assert.equal(n.headings[0].text.length, 100_002)],
    ['long field', '- #claim x ^x\n  - note:: a' + ' '.repeat(100_000) + 'b\n', (n) => assert.equal(n.claims[0].fields[0].value.length, 100_002)],
    ['unended inline field', '#claim [k::' + ' '.repeat(100_000) + 'x\n', (n) => assert.equal(n.claims[0].fields.length, 0)],
    ['backticks', '#claim ' + '`'.repeat(100_000) + ' ^b\n', (n) => assert.equal(n.claims[0].id, 'b')],
    ['unclosed links', '#claim ' + '[['.repeat(50_000) + '\n', (n) => assert.equal(n.problems.filter((p) => p.code === 'unclosed-link').length, 3)],
    ['inline fields', '#claim ' + '[a:: b] '.repeat(12_500) + '\n', (n) => assert.equal(n.claims[0].fields.length, 12_500)],
  ];
  for (const [name, text, check] of cases) {
    const started = performance.now();
    const note = parseNote('file:///ws/giant.md', 'giant', text);
    const ms = performance.now() - started;
    check(note);
    // Quadratic scanning took seconds to hours on these; linear takes a few milliseconds.
    assert.ok(ms < 1000, `${name}: ${ms.toFixed(0)} ms`);
    console.log(`${name}: ${text.length} characters in ${ms.toFixed(1)} ms`);
  }
});
