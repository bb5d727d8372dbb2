// The checks across claims over the protocol: the samples' DeepSeek cost
// claim, noted in two notes with different verdicts, is flagged on both; an
// edit to one note's verdict clears the warning in the other note too, which
// the editor did not touch (the server republishes every open note).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestClient, copySamples } from './lspClient';

let client: TestClient;
let root: string;

before(async () => {
  root = copySamples();
  client = await TestClient.start(root);
});
after(async () => {
  await client.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

const conflict = <D extends { code?: number | string }>(ds: D[]): D[] => ds.filter((d) => d.code === 'same-claim-conflict');

test('an edit that settles the same claim\'s verdict clears the warning on both ends', async () => {
  const background = await client.open('notes/deepseek-notes.md');
  const article = await client.open('notes/openai-consumer-shift.md');
  const there = conflict(await client.diagnosticsFor(background));
  assert.equal(there.length, 1);
  assert.ok(there[0]!.relatedInformation![0]!.location.uri.endsWith('/notes/openai-consumer-shift.md'));
  assert.equal(conflict(await client.diagnosticsFor(article)).length, 1);

  const text = fs.readFileSync(path.join(root, 'notes/deepseek-notes.md'), 'utf8');
  const agreed = text.replace(/(\^low-cost-training\n(?:.*\n)*?\s+- status:: )supported/, '$1disputed');
  assert.notEqual(agreed, text);
  await client.change(background, agreed);
  assert.deepEqual(conflict(await client.diagnosticsFor(background)), []);
  await client.diagnosticsUntil(article, (ds) => conflict(ds).length === 0, 'the article note\'s warning to clear');
});
