// Helpers for the export tests: the samples folder loaded into an in-memory
// workspace (so the results do not depend on where the project is checked
// out), the article the sample quotes anchor in, and golden files that
// UPDATE_GOLDEN=1 rewrites.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkspaceIndex } from '../../server/src/core/workspace/workspaceIndex';
import { type ClaimFilter } from '../../server/src/core/export/formats';
import { Anchoring } from '../../server/src/core/anchoring/noteAnchoring';
import { buildExportModel, type ExportModel } from '../../server/src/core/export/exportModel';
import { InMemoryWorkspace } from '../../server/src/core/workspace/workspace';
import { ROOT, uri } from './helpers';

export const PROJECT = path.resolve(__dirname, '../..');
export const SAMPLES = path.join(PROJECT, 'samples');
export const GOLDEN = path.join(PROJECT, 'test/golden');
export const ARTICLE_PATH = 'articles/openai-consumer-shift.txt';

/** The sample article as the server reads it (UTF-8, BOM dropped). */
export const ARTICLE = fs.readFileSync(path.join(SAMPLES, ARTICLE_PATH), 'utf8').replace(/^\uFEFF/, '');

/** Every file below `dir`, by its path relative to `dir`. */
export function filesUnder(dir: string, rel = ''): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, filesUnder(dir, r));
    else out[r] = fs.readFileSync(path.join(dir, r));
  }
  return out;
}

/** An index over the samples (plus or minus files), in memory at file:///ws. */
export async function samplesIndex(extra: Record<string, string | Uint8Array> = {}) {
  const files = { ...filesUnder(SAMPLES), ...extra };
  const ws = new InMemoryWorkspace([ROOT], Object.fromEntries(Object.entries(files).map(([p, t]) => [uri(p), t])));
  const index = new WorkspaceIndex(ws);
  await index.build();
  return { index, ws };
}

export async function samplesModel(filter?: ClaimFilter, extra?: Record<string, string | Uint8Array>): Promise<ExportModel> {
  const { index } = await samplesIndex(extra);
  return buildExportModel(index, new Anchoring(index), { filter });
}

/** Compares with test/golden/<name>; with UPDATE_GOLDEN=1 writes it instead. */
export function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(fs.existsSync(file), `${file} is missing: run the tests with UPDATE_GOLDEN=1, then review it`);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `${name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it)`);
}
