// Hover: the claim card, the entity card with its tally, the source summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hover } from '../../server/src/core/features/hover';
import { ENTITIES, ROOT, uri, withCaret } from './helpers';
import { entityCard } from '../../server/src/core/features/cards';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import { InMemoryWorkspace } from '../../server/src/core/workspace/workspace';

const text = (h: ReturnType<typeof hover>) => h?.markdown ?? '';

const OTHER = `---
source:
  published: 2025-04-01
---
- #claim Altman said it again [[Altman]] ^again
  - status:: refuted
  - supports:: [[note#^transistor]]
`;

test('hover on a claim shows status, text, speaker, kind, quotes, relations and who references it', async () => {
  const { index, uri, pos } = await withCaret('note.md', `- #claim Frontier models will commoditise. ^trans|istor
  - by:: [[Sam Altman]]
  - quote:: "most models will become commoditized"
  - kind:: prediction
  - status:: plausible
  - refines:: ^other
- #claim Other ^other
`, { 'entities.yaml': ENTITIES, 'later.md': OTHER });
  const h = hover(index, uri, pos)!;
  assert.equal(text(h), [
    '**👍 Plausible** · Frontier models will commoditise.',
    '',
    'by Sam Altman · kind: prediction · `note#^transistor`',
    '',
    '> “most models will become commoditized”',
    '',
    'refines ^other',
    '',
    'Referenced 1 time from `later`',
  ].join('\n'));
  assert.deepEqual(h.range, { start: { line: 0, character: 44 }, end: { line: 0, character: 54 } });
});

test('hover on a reference shows the card of the claim it points to', async () => {
  const { index, uri, pos } = await withCaret('later.md', OTHER.replace('note#^transistor', 'note#^tran|sistor'), {
    'note.md': '- #claim Frontier models will commoditise. ^transistor\n  - status:: supported\n',
  });
  assert.match(text(hover(index, uri, pos)), /^\*\*✅ Supported\*\* · Frontier models will commoditise\./);
});

test('hover on an entity mention shows its card with the claims tally by status', async () => {
  const { index, uri, pos } = await withCaret('note.md', `- #claim One [[Sam Al|tman]] ^one
  - status:: plausible
- #claim Two [[DeepSeek]] ^two
`, { 'entities.yaml': ENTITIES, 'later.md': OTHER });
  assert.equal(text(hover(index, uri, pos)), [
    '**Sam Altman** · person',
    '',
    'Chief executive of OpenAI.',
    '',
    'Also: Altman',
    '',
    '[url](https://example.org/altman)',
    '',
    '**2** claims in **2** notes',
    '',
    '👍 Plausible 1 · ❌ Refuted 1',
    '',
    '- ❌ Refuted: Altman said it again Altman — `later`',
    '- 👍 Plausible: One Sam Altman — `note`',
  ].join('\n'));
});

test('hover on the source front matter summarises it', async () => {
  const { index, uri, pos } = await withCaret('n.md', `---
source:
  title: "The |article"
  url: https://example.com/a
  published: 2025-03-28
---
- #claim A ^a
  - quote:: "x"
- #claim B ^b
`);
  assert.equal(text(hover(index, uri, pos)), '**The article**\n\npublished 2025-03-28\n\n[https://example.com/a](https://example.com/a)\n\n2 claims, 1 quote');
});

test('no hover on plain prose; a dangling reference says so', async () => {
  const a = await withCaret('n.md', 'Just some te|xt.\n');
  assert.equal(hover(a.index, a.uri, a.pos), undefined);
  const b = await withCaret('n.md', '- #claim X ^x\n  - supports:: ^mis|sing\n');
  assert.equal(text(hover(b.index, b.uri, b.pos)), 'No claim `^missing` found in this note.');
});

test('hover shows same-as on both claims, wherever the link was written', async () => {
  const { index, uri, pos } = await withCaret('a.md', '- #claim DeepSeek is cheap to run. ^ch|eap\n  - status:: supported\n', {
    'b.md': '- #claim Running DeepSeek costs little. ^low\n  - same-as:: [[a#^cheap]]\n',
  });
  assert.match(text(hover(index, uri, pos)), /^same-as b › low$/m);
  const there = await withCaret('b.md', '- #claim Running DeepSeek costs little. ^lo|w\n  - same-as:: [[a#^cheap]]\n', {
    'a.md': '- #claim DeepSeek is cheap to run. ^cheap\n',
  });
  assert.match(text(hover(there.index, there.uri, there.pos)), /^same-as a › cheap$/m);
});

test('an entity card counts a claim that names it twice (by name and alias) once, and lists the latest three', async () => {
  const { index, uri, pos } = await withCaret('note.md', `- #claim One [[Sam Al|tman]] and again [[Altman]] ^one
  - status:: plausible
- #claim Two [[Altman]] ^two
- #claim Three [[Sam Altman]] ^three
`, { 'entities.yaml': ENTITIES, 'later.md': OTHER, 'b.md': '- #claim Four [[Sam Altman]] ^four\n' });
  const card = text(hover(index, uri, pos)).split('\n');
  assert.ok(card.includes('**5** claims in **3** notes'), card.join('\n'));
  // The dated note first, then the notes by name from the last, each one's claims from its first line.
  assert.deepEqual(card.filter((l) => l.startsWith('- ')).map((l) => l.replace(/^- .*?: /, '')), [
    'Altman said it again Altman — `later`',
    'One Sam Altman and again Altman — `note`',
    'Two Altman — `note`',
  ]);
});

test('an entity card hovered during the cold index is counted again once the index is complete', async () => {
  const files: Record<string, string> = { 'entities.yaml': ENTITIES };
  for (let i = 0; i < 300; i++) files[`n${String(i).padStart(3, '0')}.md`] = `- #claim Claim ${i} names [[Sam Altman]] ^c${i}\n`;
  const ws = new InMemoryWorkspace([ROOT], Object.fromEntries(Object.entries(files).map(([p, t]) => [uri(p), t])));
  const index = new WorkspaceIndex(ws);
  const sam = () => index.entities().find((e) => e.name === 'Sam Altman')!;
  let midway: string | undefined;
  await index.build(undefined, (done, total) => { if (midway === undefined && done > 1 && done < total) midway = entityCard(index, sam()); });
  assert.ok(midway && !midway.includes('**300** claims'), 'the card was asked for while part of the notes were read');
  assert.match(entityCard(index, sam()), /\*\*300\*\* claims in \*\*300\*\* notes/);
});
