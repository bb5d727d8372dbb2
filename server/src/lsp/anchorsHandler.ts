// The anchors record's requests (shared/protocol.ts): confirm every quote,
// pin one place of an ambiguous quote (the quick fix's server command), the
// review of changed sources and a decision on one quote. The service computes
// the record's new text; this layer writes it, atomically and one write after
// another, then tells the service the file changed. A decision that rewrites
// a quote has the client apply the note's versioned edit first, and writes
// the record only once the edit is applied. Nothing is written in Restricted
// Mode: there Claimlens reads and shows.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Connection } from 'vscode-languageserver';
import {
  type ClaimlensSettings, ConfirmQuotesRequest, type ConfirmQuotesResult, PIN_OCCURRENCE_COMMAND, ReviewChangedSourcesRequest,
  ReviewQuoteRequest, type ReviewQuoteResult,
} from '../../../shared/protocol';
import { type PinOccurrence } from '../core/features/quoteActions';
import { type ClaimlensService } from '../core/service';
import { uriToPath } from '../core/workspace/workspace';
import { writeFileAtomic } from '../node/atomicWrite';
import { type EditSupport, toWorkspaceEdit } from './convert';

const RESTRICTED = 'Claimlens does not write the anchors record in Restricted Mode. Trust this workspace to confirm quotes or decide on changed sources.';

export function registerAnchors(connection: Connection, service: ClaimlensService, settings: ClaimlensSettings, edits: EditSupport): void {
  let writes: Promise<unknown> = Promise.resolve();
  /** Writes a record file after the writes asked for before it; resolves to why not, if it failed. */
  const write = (uri: string, text: string): Promise<string | undefined> => {
    const run = writes.then(async () => {
      const file = uriToPath(uri);
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        await writeFileAtomic(file, text, true);
      } catch (e) {
        return `${file} could not be written: ${(e as Error).message}`;
      }
      await service.filesChanged([{ uri, deleted: false }]);
      return undefined;
    });
    writes = run;
    return run;
  };

  connection.onRequest(ConfirmQuotesRequest, async (_p, token): Promise<ConfirmQuotesResult> => {
    if (!settings.trusted) return { error: RESTRICTED };
    const results = await service.confirmQuotes(token);
    if ('error' in results) return results;
    for (const r of results) {
      const failed = await write(r.uri, r.text);
      if (failed) return { error: failed };
    }
    return { records: results.map((r) => ({ uri: r.uri, ...r.summary })) };
  });

  connection.onRequest(ReviewChangedSourcesRequest, (_p, token) => service.reviewChangedSources(token));

  connection.onRequest(ReviewQuoteRequest, async (args): Promise<ReviewQuoteResult> => {
    if (!settings.trusted) return { error: RESTRICTED };
    const decided = await service.reviewQuote(args);
    if ('error' in decided) return decided;
    if (decided.edit) {
      // A rewrite of one quote never creates a file: every client can apply it.
      const edit = toWorkspaceEdit(decided.edit, edits);
      const applied = edit && await connection.workspace.applyEdit({ label: 'Accept the new passage', edit });
      if (!applied?.applied) return { error: 'The note changed meanwhile, so the quote was not rewritten: look at the review again.' };
    }
    const failed = await write(decided.record.uri, decided.record.text);
    if (failed) return { error: failed };
    const done = args.decision === 'keep' ? 'Kept the old wording: the claim quotes the earlier version.'
      : decided.edit ? 'Accepted the new passage: the quote now reads as the article does.' : 'Accepted: the record holds the article as it reads now.';
    return { done, ...(decided.edit ? { edited: args.note } : {}) };
  });

  connection.onExecuteCommand(async (p) => {
    if (p.command !== PIN_OCCURRENCE_COMMAND) return null;
    if (!settings.trusted) { void connection.window.showWarningMessage(RESTRICTED); return null; }
    const written = await service.pinOccurrence(p.arguments?.[0] as PinOccurrence);
    const failed = 'error' in written ? written.error : await write(written.uri, written.text);
    if (failed) void connection.window.showWarningMessage(`Claimlens: ${failed}`);
    return null;
  });
}
