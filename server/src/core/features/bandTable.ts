// The buckets of the near-duplicate index: which claims share a band key.
// A Map from key to claims would hold half a million entries for a 10k-note
// workspace and cost more than the hashing it serves; this table keeps them
// in typed arrays instead — one chained hash table, a fixed number of slots
// per entry (one per band), and entries numbered so they can be reused.
const EMPTY = -1;

export class BandTable {
  /** Per bucket of `key & mask`: the first slot in its chain, or EMPTY. */
  private heads: Int32Array;
  /** Per slot (claim × band): its key (EMPTY: not in the table) and the next slot in its chain. */
  private keys: Int32Array;
  private next: Int32Array;
  private readonly freeIds: number[] = [];
  private ids = 0;
  private linked = 0;

  constructor(private readonly perId: number) {
    this.heads = new Int32Array(1 << 12).fill(EMPTY);
    this.keys = new Int32Array(perId * 256).fill(EMPTY);
    this.next = new Int32Array(perId * 256);
  }

  /** A number for a new claim: its slots are `id * perId + band`. */
  allocate(): number {
    const id = this.freeIds.pop() ?? this.ids++;
    if ((id + 1) * this.perId > this.keys.length) this.growSlots();
    return id;
  }

  /** Files the claim's band `band` under `key` (a non-negative 30-bit number). */
  add(id: number, band: number, key: number): void {
    const slot = id * this.perId + band;
    if (++this.linked > 2 * this.heads.length) this.growHeads();
    const b = key & (this.heads.length - 1);
    this.keys[slot] = key;
    this.next[slot] = this.heads[b]!;
    this.heads[b] = slot;
  }

  /** Takes every band of the claim out, and frees its number. */
  release(id: number): void {
    for (let band = 0; band < this.perId; band++) {
      const slot = id * this.perId + band;
      const key = this.keys[slot]!;
      if (key === EMPTY) continue;
      const b = key & (this.heads.length - 1);
      if (this.heads[b] === slot) this.heads[b] = this.next[slot]!;
      else {
        let s = this.heads[b]!;
        while (this.next[s] !== slot) s = this.next[s]!;
        this.next[s] = this.next[slot]!;
      }
      this.keys[slot] = EMPTY;
      this.linked--;
    }
    this.freeIds.push(id);
  }

  /**
   * Writes the claims filed under `key` to `out` and returns how many; none when there are more than
   * `limit` (out must hold `limit`). A claim filed under the key in two bands is written twice.
   */
  idsInto(key: number, limit: number, out: Int32Array): number {
    let n = 0;
    for (let s = this.heads[key & (this.heads.length - 1)]!; s !== EMPTY; s = this.next[s]!) {
      if (this.keys[s] !== key) continue;
      if (n === limit) return 0;
      out[n++] = (s / this.perId) | 0;
    }
    return n;
  }

  /** Room for `ids` claims in all, made at once (see NearDuplicateIndex.reserve). */
  reserve(ids: number): void {
    if (ids * this.perId <= this.keys.length) return;
    this.resize(ids * this.perId);
  }

  /**
   * Gives back the slots grown ahead of the claims (the slot arrays double as
   * they fill: at 10k notes 17 MB for 9 MB of claims), keeping an eighth to
   * spare for the claims written next. For once a build is done.
   */
  trim(): void {
    const used = this.ids * this.perId;
    const keep = used + Math.max(this.perId * 16, used >> 3);
    // Room reserved about right is kept: cutting it would copy the arrays for a few slots.
    if (keep + (used >> 3) >= this.keys.length) return;
    this.resize(keep);
  }

  private growSlots(): void {
    this.resize(this.keys.length * 2);
  }

  /** The slot arrays at `slots` long: every slot filed so far kept, new ones empty. */
  private resize(slots: number): void {
    const keys = new Int32Array(slots).fill(EMPTY);
    keys.set(this.keys.subarray(0, Math.min(slots, this.keys.length)));
    const next = new Int32Array(slots);
    next.set(this.next.subarray(0, Math.min(slots, this.next.length)));
    this.keys = keys;
    this.next = next;
  }

  /** Twice the buckets, every filed slot chained again: chains stay about two long (half the buckets of one apiece, and a question walks one chain per band). */
  private growHeads(): void {
    this.heads = new Int32Array(this.heads.length * 2).fill(EMPTY);
    const mask = this.heads.length - 1;
    for (let s = 0; s < this.ids * this.perId; s++) {
      const key = this.keys[s]!;
      if (key === EMPTY) continue;
      this.next[s] = this.heads[key & mask]!;
      this.heads[key & mask] = s;
    }
  }
}
