// Name folding shared by every lookup of entities and notes: case-insensitive,
// Unicode NFKC, whitespace runs folded to one space. One function, so the
// registry, the mentions and the completion all agree on what "the same" means.

const PLAIN = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;

export function foldName(name: string): string {
  // Most names are plain ASCII with single spaces: skip the costly steps then.
  if (PLAIN.test(name)) return name.toLowerCase();
  return name.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLowerCase();
}

/** A claim id made from its text: lower-case words joined by `-`, at most 5 words. */
export function slugify(text: string, maxWords = 5): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  return words.slice(0, maxWords).join('-') || 'claim';
}

/** The last path segment without `.md`: how a wikilink names a note. */
export function noteBaseName(path: string): string {
  const slash = path.lastIndexOf('/');
  const base = slash >= 0 ? path.slice(slash + 1) : path;
  return base.toLowerCase().endsWith('.md') ? base.slice(0, -3) : base;
}
