// Strings the index keeps for as long as a note is indexed: as few and as
// small as they can be, since a large workspace keeps hundreds of thousands.

/**
 * A string the index keeps for long, as a copy of its own. A substring of 13
 * characters or more is, in V8, a view into the string it was cut from, and
 * keeps all of that string alive: one claim's line kept a note's whole text,
 * some 55 MB of note texts at 10,000 notes held for a few megabytes of lines
 * and link targets. (A cons string flattened on its first slice: the copy.)
 */
export function ownCopy(s: string): string {
  return s.length < 13 ? s : (` ${s}`).slice(1);
}

/** The few values written again and again: field keys, statuses, kinds. */
const COMMON = new Map<string, string>();
/** Beyond this many distinct values, the rest are kept as they come: a workspace of made-up keys does not grow the table. */
const MAX_COMMON = 1024;

/**
 * One string for each short value a workspace repeats (the 84,000 claims of
 * 10,000 notes write "status" and a few statuses 84,000 times each): kept
 * once, not once per claim, and a lookup by it hashes one string, not one
 * per claim. A value not kept in the table comes back as its own copy.
 */
export function common(s: string): string {
  const kept = COMMON.get(s);
  if (kept !== undefined) return kept;
  const own = ownCopy(s);
  if (s.length <= 32 && COMMON.size < MAX_COMMON) COMMON.set(own, own);
  return own;
}

/** Link targets as kept: one string per name however many notes link to it (see linkName). */
const NAMES = new Map<string, string>();
/** Beyond this many names, the rest are kept as they come (made-up names do not grow the table without end). */
const MAX_NAMES = 1 << 16;
/** Names longer than this are kept as they come: a name is a few words. */
const MAX_NAME_LENGTH = 96;

/**
 * One string for each link target and its folded key, however many links
 * name it: at 10,000 notes 189,000 links name 24,000 entities, and a string
 * of its own per link held 5 MB. A name not kept in the table comes back as
 * its own copy.
 */
export function linkName(s: string): string {
  const kept = NAMES.get(s);
  if (kept !== undefined) return kept;
  const own = ownCopy(s);
  if (s.length <= MAX_NAME_LENGTH && NAMES.size < MAX_NAMES) NAMES.set(own, own);
  return own;
}
