// Starts the language server on the connection named by the process's
// arguments (`--stdio`, `--node-ipc`, `--socket=`), over the file system.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeCodec } from '../node/codec';
import { FsWorkspace } from '../node/fsWorkspace';
import { startServer } from './server';

export function runServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  startServer(connection, { createWorkspace: (folders) => new FsWorkspace(folders), codec: nodeCodec });
}
