// Starts the language server on the connection named by the process's
// arguments (`--stdio`, `--node-ipc`, `--socket=`), over the file system.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeCodec } from '../node/codec';
import { FsWorkspace } from '../node/fsWorkspace';
import { startServer } from './server';

export function runServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  // Offered when the process was started with --expose-gc (SERVER_NODE_FLAGS).
  const gc = (globalThis as { gc?: () => void }).gc;
  startServer(connection, { createWorkspace: (folders) => new FsWorkspace(folders), codec: nodeCodec, collectGarbage: gc && (() => gc()) });
}
