// Reading and anchoring the sources an export needs, through the injected
// Workspace: the bytes are decoded as the index decodes notes (UTF-8, a BOM
// dropped, binary refused), prepared once per source and every quote anchored
// with the anchoring core. Pure apart from the Workspace it is given, so the
// command line, the server and the tests share it.
import { type CancellationToken } from '../base/cancellation';
import { anchorQuote, type AnchorResult } from '../anchoring/anchor';
import { decodeText } from '../text/decode';
import { insideWorkspace, sourceKind } from '../anchoring/sourceRefs';
import { prepareSource, type PreparedSource } from '../anchoring/sourceText';
import { type Workspace } from '../workspace/workspace';

/** A source that could not be read, and why (shown in the export's warnings). */
export interface Unreadable {
  state: 'missing' | 'outside' | 'unreadable';
  reason: string;
}

/** What the export model needs from anchoring: load a source, anchor a quote in it. */
export interface ExportAnchoring {
  load(uri: string): Promise<PreparedSource | Unreadable>;
  anchor(uri: string, source: PreparedSource, quote: string, token?: CancellationToken): AnchorResult;
}

export interface AnchoringOptions {
  /** Read sources outside the workspace folders (SPEC §9: off unless the setting is on). */
  allowOutsideWorkspace?: boolean;
}

export function isUnreadable(s: PreparedSource | Unreadable): s is Unreadable {
  return 'state' in s && 'reason' in s;
}

/** Anchoring over a Workspace with the anchoring core, no cache: an export reads each source once. */
export function workspaceAnchoring(workspace: Workspace, options: AnchoringOptions = {}): ExportAnchoring {
  return {
    async load(uri) {
      if (!options.allowOutsideWorkspace && !insideWorkspace(workspace, uri)) {
        return { state: 'outside', reason: 'outside the workspace folders (setting claimlens.sources.allowOutsideWorkspace)' };
      }
      let bytes: Uint8Array | undefined;
      try {
        bytes = await workspace.readFile(uri);
      } catch (e) {
        return { state: 'unreadable', reason: `unreadable: ${e instanceof Error ? e.message : String(e)}` };
      }
      if (!bytes) return { state: 'missing', reason: 'file not found' };
      const decoded = decodeText(bytes);
      if ('error' in decoded) return { state: 'unreadable', reason: decoded.error };
      return prepareSource(decoded.text, sourceKind(uri));
    },
    anchor: (_uri, source, quote, token) => anchorQuote(source, quote, token),
  };
}
