// The review of changed sources, on a realistic fixture: an article saved on
// 2 April and saved again a week later after a stealth edit (a figure
// changed, the engineer's warning softened, the ferry operator's paragraph
// removed), with the anchors record confirmed on the first copy and that copy
// kept under source.versions. The report is checked exactly against
// test/fixtures/stealth-edit/review.md; then the decisions it offers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { createClaimlens } from '../../server/src/core/service';
import { InMemoryWorkspace } from '../../server/src/core/workspace/workspace';
import { nodeCodec } from '../../server/src/node/codec';
import { filesUnder, PROJECT } from './exportHelpers';
import { applyTo, ROOT, uri } from './helpers';

const FIXTURE = path.join(PROJECT, 'test/fixtures/stealth-edit');
const NOTE = uri('notes/harbour-bridge.md');

async function fixture() {
  // The folder as an analyst has it: the golden report beside it is the test's, not the workspace's.
  const files = Object.entries(filesUnder(FIXTURE)).filter(([p]) => p !== 'review.md');
  const ws = new InMemoryWorkspace([ROOT], Object.fromEntries(files.map(([p, t]) => [uri(p), t])));
  const service = createClaimlens({ workspace: ws, codec: nodeCodec });
  await service.start();
  return { ws, service };
}

test('the review report of the stealth edit, exactly', async () => {
  const { service } = await fixture();
  const report = await service.reviewChangedSources();
  const golden = path.join(FIXTURE, 'review.md');
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(golden, report.markdown);
  assert.equal(report.markdown, fs.readFileSync(golden, 'utf8'));
});

test('check reports the unreviewed changes: the reworded figure and warning, and the removed paragraph\'s quote', async () => {
  const { service } = await fixture();
  const problems = (await service.problems(NOTE)).filter((p) => p.code === 'source-changed-unreviewed');
  assert.deepEqual(problems.map((p) => [p.range.start.line + 1, p.severity, p.message]), [
    [16, 'warning', 'The article changed since this quote was confirmed: the passage now reads “the repairs would cost £4.8 million” (\'£4.2\' → \'£4.8\'). Review Changed Sources to accept it or keep the old wording.'],
    [20, 'warning', 'The article changed since this quote was confirmed: the passage now reads “The bridge needs significant work” (\'is unsafe and should have been closed years ago\' → \'needs significant work\'). Review Changed Sources to accept it or keep the old wording.'],
    [24, 'error', 'The article changed since this quote was confirmed, and the passage is no longer in it. Review Changed Sources to keep the old wording, or remove the quote.'],
  ]);
});

test('accepting the new figure rewrites the quote (a versioned edit) and the record; the quote is then confirmed', async () => {
  const { ws, service } = await fixture();
  const noteText = fs.readFileSync(path.join(FIXTURE, 'notes/harbour-bridge.md'), 'utf8');
  service.setDocument(NOTE, 3, noteText);
  const report = await service.reviewChangedSources();
  const accept = report.actions.find((a) => a.args.key === 'notes/harbour-bridge.md#^repair-cost/1' && a.args.decision === 'accept')!;
  assert.equal(report.markdown.split('\n')[accept.line], '[Accept the new passage][accept-2] · [Keep the old wording][keep-2]', 'the action\'s line holds its link');
  const decided = await service.reviewQuote(accept.args);
  assert.ok(!('error' in decided), JSON.stringify(decided));
  assert.deepEqual(decided.edit?.files.map((f) => [f.uri, f.version]), [[NOTE, 3]]);
  const edited = applyTo(noteText, decided.edit, NOTE);
  assert.equal(edited.split('\n')[15], '  - quote:: "the repairs would cost £4.8 million"');
  const entry = JSON.parse(decided.record.text).quotes['notes/harbour-bridge.md#^repair-cost/1'];
  assert.deepEqual([entry.quote, entry.exact, entry.sha256.slice(0, 8)], ['the repairs would cost £4.8 million', 'the repairs would cost £4.8 million', 'b3e83185']);

  service.setDocument(NOTE, 4, edited);
  ws.set(uri('.claimlens/anchors.json'), decided.record.text);
  await service.filesChanged([{ uri: uri('.claimlens/anchors.json'), deleted: false }]);
  assert.deepEqual((await service.problems(NOTE)).filter((p) => p.code === 'source-changed-unreviewed').map((p) => p.range.start.line + 1), [20, 24]);
  assert.match((await service.claimCardAt(NOTE, 14))!, /Confirmed in `\.claimlens\/anchors\.json`/);
  assert.equal((await service.reviewChangedSources()).pending, 5);
});

test('keeping the removed paragraph\'s quote marks it as quoting the earlier version, which the JSON export states', async () => {
  const { ws, service } = await fixture();
  const keep = (await service.reviewChangedSources()).actions.find((a) => a.args.key === 'notes/harbour-bridge.md#^ferry/1')!;
  assert.equal(keep.title, 'Keep the old wording');
  const decided = await service.reviewQuote(keep.args);
  assert.ok(!('error' in decided));
  assert.equal(decided.edit, undefined, 'the note is not touched');
  ws.set(uri('.claimlens/anchors.json'), decided.record.text);
  await service.filesChanged([{ uri: uri('.claimlens/anchors.json'), deleted: false }]);
  const problems = await service.problems(NOTE);
  assert.deepEqual(problems.filter((p) => p.range.start.line === 23).map((p) => [p.code, p.severity]), [['quote-earlier-version', 'information']]);
  const exported = JSON.parse((await service.exportClaims({ format: 'json' })).data as string);
  const ferry = exported.claims.find((c: { id: string }) => c.id === 'notes/harbour-bridge#^ferry').quotes[0];
  // Where the quote is in the copy saved on 2 April: the text it quotes.
  const then = fs.readFileSync(path.join(FIXTURE, 'articles/harbour-bridge-2025-04-02.txt'), 'utf8').indexOf('had not been consulted');
  assert.deepEqual([ferry.anchor, ferry.recorded], ['not-found', {
    sha256: '2c233fdc180db4aa4ef92c272b4a9b8bc3ee8fb73871f29a0be09f56bd718611', state: 'earlier-version',
    start: then, end: then + 40, exact: 'had not been consulted about the closure', prefix: ' ferry operator Bayline said it ', suffix: '. Its chief executive, Ruth Sand',
  }]);
  const report = await service.reviewChangedSources();
  assert.match(report.markdown, /## Quoting an earlier version\n\n- notes\/harbour-bridge\.md \^ferry: “had not been consulted about the closure”, as `articles\/harbour-bridge\.txt` read with sha256 `2c233fdc…`\n/);
});

test('a decision on a text nobody reviewed, or an acceptance of a passage that is gone, is refused', async () => {
  const { service } = await fixture();
  const actions = (await service.reviewChangedSources()).actions;
  const accept = actions.find((a) => a.args.key === 'notes/harbour-bridge.md#^engineer-warning/1' && a.args.decision === 'accept')!;
  assert.deepEqual(await service.reviewQuote({ ...accept.args, sha256: '0'.repeat(64) }),
    { error: 'The article changed again since this review was made: look at the review again.' });
  const ferry = actions.find((a) => a.args.key === 'notes/harbour-bridge.md#^ferry/1')!;
  assert.deepEqual(await service.reviewQuote({ ...ferry.args, decision: 'accept' }),
    { error: 'The passage is gone from the article: there is nothing to accept. Keep the old wording, or remove the quote.' });
});

test('the JSON export of the fixture, with each quote\'s recorded hash and state, validates against the schema', async () => {
  const { ws, service } = await fixture();
  // One quote kept on review, so every state is there: confirmed none, changed (unchanged, edited, gone), earlier-version.
  const keep = (await service.reviewChangedSources()).actions.find((a) => a.args.key === 'notes/harbour-bridge.md#^ferry/1')!;
  const decided = await service.reviewQuote(keep.args);
  assert.ok(!('error' in decided));
  ws.set(uri('.claimlens/anchors.json'), decided.record.text);
  await service.filesChanged([{ uri: uri('.claimlens/anchors.json'), deleted: false }]);
  const doc = JSON.parse((await service.exportClaims({ format: 'json' })).data as string);
  const schema = JSON.parse(fs.readFileSync(path.join(PROJECT, 'schemas/claimlens-export.schema.json'), 'utf8'));
  const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(schema);
  assert.equal(validate(doc), true, JSON.stringify(validate.errors, null, 2));
  assert.deepEqual(doc.claims.map((c: { quotes: Array<{ recorded: { state: string; change?: string } }> }) => c.quotes.map((q) => `${q.recorded.state}${q.recorded.change ? `/${q.recorded.change}` : ''}`)).flat(),
    ['changed/unchanged', 'changed/edited', 'changed/edited', 'earlier-version', 'changed/unchanged', 'changed/unchanged']);
  // W3C: the quote kept as an earlier version is annotated where it was, in the text it quotes.
  const w3c = JSON.parse((await service.exportClaims({ format: 'w3c' })).data as string);
  const selectors = w3c.first.items.map((a: { target: { selector: Array<{ type: string; exact?: string; start?: number }> } }) => a.target.selector);
  const ferry = selectors.find((sel: Array<{ exact?: string }>) => sel[0]!.exact === 'had not been consulted about the closure');
  assert.deepEqual(ferry?.[1], { type: 'TextPositionSelector', start: doc.claims[3].quotes[0].recorded.start, end: doc.claims[3].quotes[0].recorded.end });
  // A changed state without what changed is caught.
  doc.claims[0].quotes[0].recorded = { sha256: 'ab'.repeat(32), state: 'changed' };
  assert.equal(validate(doc), false);
});
