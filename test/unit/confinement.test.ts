// SPEC §9: the outside-workspace rule holds for where a file really is. A
// source path inside the folders that is a symlink to a file outside is not
// read (and says why); a link that stays inside is read like any file; the
// setting allowOutsideWorkspace, in a trusted workspace, lets both through.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createClaimlens } from '../../server/src/core/service';
import { fileUri } from '../../server/src/core/workspace/workspace';
import { nodeCodec } from '../../server/src/node/codec';
import { FsWorkspace } from '../../server/src/node/fsWorkspace';

const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const temp = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'claimlens-confine-')); dirs.push(d); return d; };

const NOTE = (source: string) => `---\nsource:\n  path: ${source}\n---\n- #claim The secret is out. ^secret\n  - quote:: "root:x:0:0"\n`;

async function setup(allowOutsideWorkspace = false) {
  const ws = temp();
  const outside = temp();
  fs.writeFileSync(path.join(outside, 'passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
  fs.writeFileSync(path.join(ws, 'inside.txt'), 'root:x:0:0 is quoted here too\n');
  fs.symlinkSync(path.join(outside, 'passwd'), path.join(ws, 'leak.txt'));
  fs.symlinkSync(path.join(ws, 'inside.txt'), path.join(ws, 'alias.txt'));
  fs.writeFileSync(path.join(ws, 'leak.md'), NOTE('leak.txt'));
  fs.writeFileSync(path.join(ws, 'alias.md'), NOTE('alias.txt'));
  const service = createClaimlens({ workspace: new FsWorkspace([fileUri(ws)]), codec: nodeCodec }, { allowOutsideWorkspace });
  await service.start();
  return { service, uri: (rel: string) => fileUri(path.join(ws, rel)) };
}

test('a source that is a symlink to a file outside the workspace is not read, and the note says why', async () => {
  const { service, uri } = await setup();
  const problems = await service.problems(uri('leak.md'));
  assert.deepEqual(problems.filter((p) => p.code === 'source-outside').map((p) => p.message), [
    'This source is not read: it is a link to a file outside the workspace folders (setting claimlens.sources.allowOutsideWorkspace).',
  ]);
  const hover = await service.hover(uri('leak.md'), { line: 4, character: 4 });
  const text = JSON.stringify(hover);
  assert.ok(!text.includes('/root:/bin/bash'), 'nothing of the outside file is shown');
  const highlights = await service.sourceHighlights(uri('leak.txt'));
  assert.deepEqual(highlights.highlights, []);
  const exported = JSON.parse((await service.exportClaims({ format: 'json', filter: { note: ['leak.md'] } })).data as string);
  assert.equal(exported.claims[0].quotes[0].anchor, 'no-source');
});

test('a symlink that stays inside the workspace is read like the file it names', async () => {
  const { service, uri } = await setup();
  assert.deepEqual((await service.problems(uri('alias.md'))).filter((p) => p.severity !== 'hint'), []);
  const exported = JSON.parse((await service.exportClaims({ format: 'json', filter: { note: ['alias.md'] } })).data as string);
  assert.equal(exported.claims[0].quotes[0].anchor, 'exact');
});

test('with allowOutsideWorkspace (a trusted workspace only), the linked file is read', async () => {
  const { service, uri } = await setup(true);
  assert.deepEqual((await service.problems(uri('leak.md'))).filter((p) => p.code === 'source-outside'), []);
  const exported = JSON.parse((await service.exportClaims({ format: 'json', filter: { note: ['leak.md'] } })).data as string);
  assert.equal(exported.claims[0].quotes[0].anchor, 'exact');
});
