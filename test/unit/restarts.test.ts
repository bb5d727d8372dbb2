// The client's answer to a language server that stops on its own: started
// again four times in three minutes, each time said; the fifth leaves it
// stopped with how to start it; restarts older than three minutes no longer count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestartPolicy } from '../../client/src/restarts';

test('four restarts in three minutes, each announced; the fifth stop is final and says how to start it', () => {
  const policy = new RestartPolicy();
  const t0 = 1_000_000;
  for (let i = 1; i <= 4; i++) {
    const d = policy.closed(t0 + i * 1000);
    assert.equal(d.restart, true);
    assert.equal(d.message, `Claimlens restarted its language server (${i} of 4 in 3 minutes).`);
  }
  const fifth = policy.closed(t0 + 5000);
  assert.equal(fifth.restart, false);
  assert.equal(fifth.message, 'Claimlens: the language server stopped 5 times in 3 minutes and is left stopped; Show Output says why.');
});

test('stops more than three minutes apart do not add up', () => {
  const policy = new RestartPolicy();
  for (let i = 0; i < 10; i++) assert.equal(policy.closed(i * 4 * 60_000).restart, true, `stop ${i + 1}`);
});
