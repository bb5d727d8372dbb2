// Typed arrays that grow: the compact indexes (the claim map's, the
// near-duplicate index, symbol search) keep their numbers in them.

/**
 * `array` when it holds `size` already; else a copy, the rest zero, of at
 * least `size`, half as long again as before and `least`: growing by half
 * keeps a run of additions linear.
 */
export function grownTo<T extends Int32Array | Uint32Array | Uint8Array>(array: T, size: number, least = 0): T {
  if (array.length >= size) return array;
  const next = new (array.constructor as new (length: number) => T)(Math.max(size, Math.ceil(array.length * 1.5), least));
  next.set(array);
  return next;
}
