// What the client does when the language server stops on its own (a crash, a
// kill): it starts it again, at most MAX_RESTARTS times in three minutes, and
// says so each time; past that it leaves it stopped and says how to start it.
// (The language client's default counts silently until it gives up.) Plain
// logic, so it is tested without an editor; extension.ts adapts it.

export const MAX_RESTARTS = 4;
const WINDOW_MS = 3 * 60_000;

export class RestartPolicy {
  private readonly closes: number[] = [];

  /** The server stopped at `now`: start it again or not, and what to tell the analyst. */
  closed(now: number): { restart: boolean; message: string } {
    this.closes.push(now);
    while (this.closes.length && this.closes[0]! < now - WINDOW_MS) this.closes.shift();
    const n = this.closes.length;
    if (n <= MAX_RESTARTS) {
      return { restart: true, message: `Claimlens restarted its language server (${n} of ${MAX_RESTARTS} in 3 minutes).` };
    }
    return {
      restart: false,
      message: `Claimlens: the language server stopped ${n} times in 3 minutes and is left stopped; Show Output says why.`,
    };
  }
}
