// `claimlens check` for CI: the JSON form against the schema shipped in
// schemas/, the SARIF form against the SARIF 2.1.0 schema (from ../shared),
// the closing summary line, --fail-on and the exit codes, and the samples'
// cross-note finding in each form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import { check, type CheckOptions, parseCheckArgs } from '../../server/src/cli/check';

const PROJECT = path.resolve(__dirname, '../..');
const SAMPLES = path.join(PROJECT, 'samples');
const SARIF_SCHEMA = path.resolve(PROJECT, '../shared/schemas/sarif-schema-2.1.0.json');

async function run(dir: string, options: CheckOptions = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await check(dir, (l) => out.push(l), (l) => err.push(l), options);
  return { code, out, err };
}

function conflictFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimlens-checkfmt-'));
  fs.writeFileSync(path.join(dir, 'a.md'), '- #claim Prices rose. ^up\n  - status:: supported\n  - contradicts:: [[b#^flat]]\n');
  fs.writeFileSync(path.join(dir, 'b.md'), '- #claim Prices stayed flat. ^flat\n  - status:: plausible\n');
  fs.writeFileSync(path.join(dir, '.claimlens.yaml'), 'checks:\n  contradiction-upheld: error\n');
  return dir;
}

test('check --format json: valid against schemas/claimlens-check.schema.json, hints included', async () => {
  const r = await run(SAMPLES, { format: 'json' });
  const doc = JSON.parse(r.out.join('\n')) as Record<string, any>;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(PROJECT, 'schemas/claimlens-check.schema.json'), 'utf8')));
  assert.ok(validate(structuredClone(doc)), ajv.errorsText(validate.errors));
  const conflict = doc.problems.filter((p: { code: string }) => p.code === 'same-claim-conflict');
  assert.deepEqual(conflict.map((p: { file: string; related: Array<{ file: string }> }) => [path.basename(p.file), path.basename(p.related[0]!.file)]),
    [['deepseek-notes.md', 'openai-consumer-shift.md'], ['openai-consumer-shift.md', 'deepseek-notes.md']]);
  assert.equal(doc.summary.hint, doc.problems.filter((p: { severity: string }) => p.severity === 'hint').length);
});

test('check --format sarif: valid SARIF 2.1.0, rules with help, results with locations and related locations', async (t) => {
  if (!fs.existsSync(SARIF_SCHEMA)) { t.skip(`no SARIF schema at ${SARIF_SCHEMA} (../shared is absent)`); return; }
  const dir = conflictFolder();
  const r = await run(dir, { format: 'sarif', version: '0.1.0' });
  const sarif = JSON.parse(r.out.join('\n')) as Record<string, any>;
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA, 'utf8')));
  assert.ok(validate(structuredClone(sarif)), ajv.errorsText(validate.errors));
  const run0 = sarif.runs[0];
  const rule = run0.tool.driver.rules[run0.results[0].ruleIndex];
  assert.equal(rule.id, 'contradiction-upheld');
  assert.match(rule.help.text, /contradicts::/);
  assert.deepEqual(run0.results.map((x: { ruleId: string; level: string }) => [x.ruleId, x.level]), [['contradiction-upheld', 'error'], ['contradiction-upheld', 'error']]);
  const first = run0.results[0];
  assert.deepEqual(first.locations[0].physicalLocation.region, { startLine: 3, startColumn: 19, endLine: 3, endColumn: 30 });
  assert.match(first.relatedLocations[0].physicalLocation.artifactLocation.uri, /b\.md$/);
  assert.equal(r.code, 1);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('check: the closing summary line, and --fail-on deciding the exit code', async () => {
  const dir = conflictFolder();
  fs.writeFileSync(path.join(dir, '.claimlens.yaml'), '');
  const warned = await run(dir);
  assert.deepEqual(warned.err, ['2 claims in 2 notes: 0 errors, 2 warnings']);
  assert.equal(warned.code, 0, 'warnings alone pass by default');
  assert.equal((await run(dir, { failOn: 'warning' })).code, 1);
  fs.writeFileSync(path.join(dir, '.claimlens.yaml'), 'checks:\n  contradiction-upheld: error\n');
  assert.equal((await run(dir, { failOn: 'never' })).code, 0);
  assert.equal((await run(dir)).code, 1);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('check arguments: formats and --fail-on are read, anything else is a usage error', () => {
  assert.deepEqual(parseCheckArgs(['notes', '--format', 'sarif', '--fail-on=warning']), { dir: 'notes', options: { format: 'sarif', failOn: 'warning' } });
  assert.deepEqual(parseCheckArgs([]), { dir: '.', options: {} });
  assert.match((parseCheckArgs(['--format', 'xml']) as { error: string }).error, /--format must be one of text, json, sarif/);
  assert.match((parseCheckArgs(['--fail-on']) as { error: string }).error, /--fail-on must be one of/);
  assert.match((parseCheckArgs(['--quiet']) as { error: string }).error, /unknown option --quiet/);
});
