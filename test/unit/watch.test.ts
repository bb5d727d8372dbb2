// The index follows what happens on disk, as a file watcher reports it: files
// created, changed and deleted, folders created, renamed and deleted (a
// watcher reports a folder, not each file in it), registries and the config
// edited outside the editor, and a note open in the editor keeps its text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClaimlens } from '../../server/src/core/service';
import { InMemoryWorkspace } from '../../server/src/core/workspace/workspace';
import { nodeCodec } from '../../server/src/node/codec';
import { ROOT, uri } from './helpers';

async function setup() {
  const ws = new InMemoryWorkspace([ROOT], {
    [uri('a.md')]: '- #claim A is so. ^a\n',
    [uri('entities.yaml')]: '- id: acme\n  name: Acme\n',
  });
  const service = createClaimlens({ workspace: ws, codec: nodeCodec });
  await service.start();
  const changes: string[][] = [];
  service.onDidChange((c) => changes.push([...c.uris]));
  const claims = () => [...service.index.notes.values()].flatMap((n) => n.claims.map((c) => `${n.name}#${c.id}`)).sort();
  return { ws, service, claims, changes };
}

test('a folder created on disk with notes in it is read; renamed, its notes move; deleted, they are gone', async () => {
  const { ws, service, claims } = await setup();
  ws.set(uri('new/b.md'), '- #claim B is so. ^b\n');
  ws.set(uri('new/deep/c.md'), '- #claim C is so. ^c\n');
  await service.filesChanged([{ uri: uri('new'), deleted: false }]);
  assert.deepEqual(claims(), ['a#a', 'new/b#b', 'new/deep/c#c']);

  for (const f of ['b.md', 'deep/c.md']) { ws.set(uri(`moved/${f}`), (await ws.readFile(uri(`new/${f}`)))!); ws.delete(uri(`new/${f}`)); }
  await service.filesChanged([{ uri: uri('new'), deleted: true }, { uri: uri('moved'), deleted: false }]);
  assert.deepEqual(claims(), ['a#a', 'moved/b#b', 'moved/deep/c#c']);

  ws.delete(uri('moved/b.md'));
  ws.delete(uri('moved/deep/c.md'));
  await service.filesChanged([{ uri: uri('moved'), deleted: true }]);
  assert.deepEqual(claims(), ['a#a']);
  assert.equal(service.stats().notes, 1);
});

test('a note and a registry changed on disk are read again; an open note keeps its editor text', async () => {
  const { ws, service, claims, changes } = await setup();
  ws.set(uri('a.md'), '- #claim A is so. ^a2\n');
  ws.set(uri('entities.yaml'), '- id: acme\n  name: Acme\n- id: globex\n  name: Globex\n');
  await service.filesChanged([{ uri: uri('a.md'), deleted: false }, { uri: uri('entities.yaml'), deleted: false }]);
  assert.deepEqual(claims(), ['a#a2']);
  assert.deepEqual(service.index.resolveEntity('Globex').map((e) => e.id), ['globex']);
  assert.ok(changes.some((c) => c.includes(uri('entities.yaml'))), 'the registry change is announced');

  service.setDocument(uri('a.md'), 1, '- #claim Typed in the editor. ^typed\n');
  await service.ready;
  await new Promise((r) => setTimeout(r, 0));
  ws.set(uri('a.md'), '- #claim Saved by another tool. ^disk\n');
  await service.filesChanged([{ uri: uri('a.md'), deleted: false }]);
  assert.deepEqual(claims(), ['a#typed']);
  service.closeDocument(uri('a.md'));
  await service.ready;
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(claims(), ['a#disk'], 'closed, the disk counts again');
});

test('a change older than the document the service holds is refused', async () => {
  const { service, claims } = await setup();
  assert.equal(service.setDocument(uri('a.md'), 5, '- #claim Five. ^five\n'), true);
  assert.equal(service.setDocument(uri('a.md'), 4, '- #claim Four. ^four\n'), false);
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(claims(), ['a#five']);
});
