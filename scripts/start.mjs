// `npm start`: the product as an analyst sees it. Builds and packages the
// extension, installs the editor if needed, and serves VS Code (code-server)
// on 127.0.0.1 with a folder open and the extension installed, until Ctrl-C.
// The folder is the analyst's own when given (`npm start -- PATH` or
// `FOLDER=PATH npm start`), samples/ otherwise. PORT picks the port (and it
// fails if taken); otherwise 8080 if free, else any free one.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from './e2e-setup.mjs';
import { launchEditor } from './vscode.mjs';

const requested = process.env.PORT ? Number(process.env.PORT) : undefined;
if (requested !== undefined && !(Number.isInteger(requested) && requested > 0 && requested < 65536)) {
  console.error(`PORT must be a port number, got "${process.env.PORT}"`);
  process.exit(2);
}

// npm runs scripts in the project folder; INIT_CWD is where `npm start` was typed, so a relative PATH means what the analyst meant.
const given = process.argv[2] ?? process.env.FOLDER;
const workspace = given ? resolve(process.env.INIT_CWD ?? process.cwd(), given) : join(ROOT, 'samples');
if (!existsSync(workspace) || !statSync(workspace).isDirectory()) {
  console.error(`${workspace} is not a folder: give the folder of your notes, e.g. npm start -- ~/research`);
  process.exit(2);
}

// Ctrl-C while still building or starting ends this process; the 'exit'
// hook in startCodeServer() then ends code-server as well.
let editor;
let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  await editor?.stop();
  process.exit(0);
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

try {
  editor = await launchEditor({
    workspace,
    port: requested,
    preferredPort: 8080,
    profileName: 'start',
  });
} catch (error) {
  console.error(`\ncould not start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

console.log(`\nClaimlens is running in VS Code at ${editor.url}, with ${workspace} open`);
console.log('Press Ctrl-C to stop.');

editor.process.once('exit', (code, signal) => {
  if (stopping) return;
  console.error(`code-server exited (${code ?? signal}); see ${editor.logFile}`);
  process.exit(1);
});
