// The custom messages between the Claimlens client and server, declared once
// and imported by both sides. Everything else is standard LSP.

/** Settings the client passes at start (initializationOptions) and on change. */
export interface ClaimlensSettings {
  notes: { include: string[]; exclude: string[] };
  sources: { allowOutsideWorkspace: boolean };
  maxFileSize: number;
  /** False in VS Code's Restricted Mode: read and show, run no export. */
  trusted: boolean;
}

export const defaultSettings: ClaimlensSettings = {
  notes: { include: ['**/*.md'], exclude: [] },
  sources: { allowOutsideWorkspace: false },
  maxFileSize: 10 * 1024 * 1024,
  trusted: true,
};

/** Server → client: where indexing stands (shown in the status bar). */
export const StatusNotification = 'claimlens/status';
export interface StatusParams {
  state: 'indexing' | 'ready';
  notes: number;
  claims: number;
  /** [[links]] inside claims: mentions of entities and links to notes. */
  links: number;
  entities: number;
  skipped: number;
  /** Milliseconds the last full index took. */
  ms?: number;
}
