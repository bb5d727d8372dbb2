// Entry point of the bundled language server: `node dist/server.js --stdio`
// (any LSP editor) or `--node-ipc` (VS Code's client).
import { runServer } from './run';

runServer();
