// The floor of a large answer: a language server that does nothing but send
// back, for every `textDocument/references`, the locations read from the
// JSON file it was started with — what answering costs in JSON-RPC over
// stdio (serializing, the pipe, the client's parse) with no work behind it.
//   node --import tsx test/bench/answerServer.ts answer.json
import * as fs from 'node:fs';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const answer = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as unknown[];
const conn = createProtocolConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
conn.onRequest('textDocument/references', () => answer);
conn.onRequest('ready', () => true);
conn.listen();
