// Cancellation, one type for the whole core: a token the caller owns (LSP's
// CancellationToken fits it as it is) and one error that unwinds work asked
// to stop. Long loops call throwIfCancelled between steps; nothing partial is
// returned or cached after it throws.

export interface CancellationToken { readonly isCancellationRequested: boolean }

export const neverCancelled: CancellationToken = { isCancellationRequested: false };

/** Thrown when a token asks to stop. */
export class CancelledError extends Error {
  constructor(what = 'the work') {
    super(`${what} was cancelled`);
    this.name = 'CancelledError';
  }
}

export function throwIfCancelled(token: CancellationToken | undefined, what?: string): void {
  if (token?.isCancellationRequested) throw new CancelledError(what);
}
