// The desktop suite, run inside VS Code's extension host by runTest.ts: the
// extension activates, and the hover on an entity mention is the entity card.
// No test framework: each check is a function, run in order, reported here.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const NOTE = 'notes/openai-consumer-shift.md';

/** Asks `probe` again until it returns a value: the language server answers once it has indexed the samples. */
async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

const checks: Array<[string, () => Promise<void>]> = [
  [
    'the extension activates',
    async () => {
      const extension = vscode.extensions.getExtension('claimlens.claimlens');
      assert.ok(extension, 'claimlens.claimlens is not installed');
      await extension.activate();
      assert.equal(extension.isActive, true);
    },
  ],
  [
    'hovering [[Sam Altman]] shows the entity card',
    async () => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      assert.ok(folder, 'samples/ is not open');
      const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, NOTE));
      await vscode.window.showTextDocument(document);
      const position = document.positionAt(document.getText().indexOf('[[Sam Altman]]') + 2);
      const text = await until(
        async () => {
          const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
            'vscode.executeHoverProvider',
            document.uri,
            position,
          );
          const text = hoverText(hovers);
          return text.includes('Sam Altman') && /person/i.test(text) ? text : undefined;
        },
        30_000,
        'the entity card',
      );
      assert.match(text, /Sam Altman/);
    },
  ],
];

/** Called by VS Code's test runner; a rejection fails the run. */
export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, check] of checks) {
    try {
      await check();
      console.log(`  ok  ${name}`);
    } catch (error) {
      failures.push(name);
      console.error(`  FAIL  ${name}\n${error instanceof Error ? error.stack : error}`);
    }
  }
  if (failures.length > 0) throw new Error(`${failures.length} of ${checks.length} checks failed`);
}
