// Golden files: every format exported from the samples (the claim map's too), compared byte for
// byte with test/golden/. The exports hold no dates or random ids, so they
// only change when the notes or the exporters do; then run the tests with
// UPDATE_GOLDEN=1, read the diff, and keep it if it is right.
import { nodeCodec } from '../../server/src/node/codec';
import { test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { exportClaims, FORMATS, type ModelFormat } from '../../server/src/core/export/formats';
import { Anchoring } from '../../server/src/core/anchoring/noteAnchoring';
import { ROOT } from './helpers';
import { expectGolden, samplesIndex, samplesModel } from './exportHelpers';

const TEXT_FORMATS: Array<[ModelFormat, string]> = [
  ['json', 'samples.json'], ['csv', 'samples.csv'], ['md', 'samples.md'],
  ['w3c', 'samples.w3c.jsonld'], ['claimreview', 'samples.claimreview.jsonld'],
];

for (const [format, file] of TEXT_FORMATS) {
  test(`golden: ${format} export of the samples is test/golden/${file}`, async () => {
    expectGolden(file, FORMATS[format].write(await samplesModel(), { base: ROOT, codec: nodeCodec }) as string);
  });
}

test('golden: qdpx export of the samples holds test/golden/samples.qde and the article', async () => {
  const files = unzipSync(FORMATS.qdpx.write(await samplesModel(), { base: ROOT, codec: nodeCodec }) as Uint8Array);
  expectGolden('samples.qde', strFromU8(files['project.qde']!));
  const listing = Object.entries(files).map(([name, bytes]) => `${name} ${bytes.length}`).sort().join('\n') + '\n';
  expectGolden('samples.qdpx.txt', listing);
});

for (const [format, file] of [['graphml', 'samples.graphml'], ['mermaid', 'samples.mmd']] as const) {
  test(`golden: ${format} export of the samples' claim map is test/golden/${file}`, async () => {
    const { index } = await samplesIndex();
    expectGolden(file, (await exportClaims(index, new Anchoring(index), { format, codec: nodeCodec })).data as string);
  });
}
