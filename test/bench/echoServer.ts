// Round trips of `textDocument/references` to answerServer.ts, a server that
// sends back a precomputed answer and does nothing else: what sending those
// locations over JSON-RPC on stdio costs (serializing, the pipe, the client's
// parse), the floor beside which a real server's references are read.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { SERVER_NODE_FLAGS } from '../../shared/protocol';

const ANSWER_FILE = path.resolve(__dirname, '../../.cache/bench/references-answer.json');

/** The times of `requests` round trips, in order, to a fresh answerServer.ts process answering with `answer` (with the language server's Node flags). */
export async function echoRoundTrips(answer: unknown[], requests: number): Promise<number[]> {
  fs.mkdirSync(path.dirname(ANSWER_FILE), { recursive: true });
  fs.writeFileSync(ANSWER_FILE, JSON.stringify(answer));
  const proc = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', path.join(__dirname, 'answerServer.ts'), ANSWER_FILE], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.listen();
  try {
    await conn.sendRequest('ready');
    const times: number[] = [];
    for (let i = 0; i < requests; i++) {
      const t0 = performance.now();
      await conn.sendRequest('textDocument/references', {});
      times.push(performance.now() - t0);
    }
    return times;
  } finally {
    conn.dispose();
    proc.kill();
  }
}
