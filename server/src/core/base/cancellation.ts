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

// setImmediate where there is one (Node): requests waiting on the pipe are
// read first either way, and a timer would idle ≥ 1 ms per slice. Elsewhere
// (a browser worker) a zero timer.
const schedule: (run: () => void) => void = typeof (globalThis as { setImmediate?: unknown }).setImmediate === 'function'
  ? (run) => (globalThis as unknown as { setImmediate(f: () => void): void }).setImmediate(run)
  : (run) => setTimeout(run, 0);

/**
 * Long work calls `slice.due()` between steps and awaits `slice.yield()` when
 * it is true: other requests (a cancellation among them) get their turn every
 * few milliseconds.
 */
export class TimeSlice {
  private started = Date.now();
  constructor(private readonly ms = 15) {}
  due(): boolean { return Date.now() - this.started > this.ms; }
  async yield(token?: CancellationToken, what?: string): Promise<void> {
    await new Promise<void>((resolve) => schedule(resolve));
    this.started = Date.now();
    throwIfCancelled(token, what);
  }
}
