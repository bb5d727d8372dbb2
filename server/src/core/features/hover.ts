// Hover: the claim card on a claim (its line, its id, a reference to it), the
// entity card on a mention or an entity definition, the source summary on
// a note's `source:`.
import { type WorkspaceIndex } from '../workspace/workspaceIndex';
import { type NoteModel, type Position, type SourceRef } from '../notes/model';
import { claimSource } from '../anchoring/sourceRefs';
import { claimCard, entityCard, escapeMd, type QuoteDetail } from './cards';
import { claimOfLink, locate } from './locate';
import { type Hover } from './types';

export function hover(index: WorkspaceIndex, uri: string, pos: Position, quoteDetail?: QuoteDetail, sourceDetail?: SourceDetail): Hover | undefined {
  const t = locate(index, uri, pos);
  if (!t) return undefined;
  const md = (markdown: string, range?: Hover['range']): Hover => ({ markdown, ...(range ? { range } : {}) });
  switch (t.kind) {
    case 'claim':
      return md(claimCard(index, t.note, t.claim, quoteDetail), t.onId ? t.claim.idRange : undefined);
    case 'field':
      return md(claimCard(index, t.note, t.claim, quoteDetail));
    case 'ref': {
      const target = index.resolveRef(t.note, t.ref);
      if (!target) return md(`No claim \`^${t.ref.id}\` found${t.ref.note ? ` in \`${t.ref.note}\`` : ' in this note'}.`, t.ref.range);
      return md(claimCard(index, target.note, target.claim, quoteDetail), t.ref.range);
    }
    case 'link': {
      const entities = index.resolveLink(t.link);
      if (entities.length > 0) {
        const cards = entities.map((e) => entityCard(index, e));
        const warn = entities.length > 1 ? `⚠️ **${escapeMd(t.link.target)}** names ${entities.length} entities.\n\n---\n\n` : '';
        return md(warn + cards.join('\n\n---\n\n'), t.link.range);
      }
      const target = claimOfLink(index, t.note, t.link);
      if (target) return md(claimCard(index, target.note, target.claim, quoteDetail), t.link.range);
      const notes = index.resolveNote(t.link.target, uri);
      if (notes.length > 0) return md(noteSummary(notes[0], sourceDetail), t.link.range);
      if (t.link.claim >= 0) return md(`**${escapeMd(t.link.target)}** is not a known entity or note.`, t.link.range);
      return undefined;
    }
    case 'source':
      return md(sourceSummary(t.note, t.source, sourceDetail));
    case 'entity':
      return md(entityCard(index, t.entity));
  }
}

/** Extra lines about a note's source (quotes checked, file state); the anchoring layer supplies them. */
export type SourceDetail = (note: NoteModel, source: SourceRef) => string | undefined;

function sourceSummary(note: NoteModel, s: SourceRef, detail?: SourceDetail): string {
  const lines = [`**${escapeMd(s.title ?? s.path ?? s.url ?? 'Source')}**`];
  const meta: string[] = [];
  if (s.author) meta.push(escapeMd(s.author));
  if (s.published) meta.push(`published ${escapeMd(s.published)}`);
  if (s.retrieved) meta.push(`retrieved ${escapeMd(s.retrieved)}`);
  if (meta.length) lines.push('', meta.join(' · '));
  if (s.url) lines.push('', `[${escapeMd(s.url)}](${s.url})`);
  // The claims checked against this source: the same rule the anchoring follows.
  const claims = note.sources.length > 1 ? note.claims.filter((c) => claimSource(note, c) === s) : note.claims;
  const quotes = claims.reduce((n, c) => n + c.fields.filter((f) => f.key === 'quote').length, 0);
  lines.push('', `${claims.length} claim${claims.length === 1 ? '' : 's'}, ${quotes} quote${quotes === 1 ? '' : 's'}`);
  const extra = detail?.(note, s);
  if (extra) lines.push('', extra);
  return lines.join('\n');
}

function noteSummary(note: NoteModel, detail?: SourceDetail): string {
  const s = note.sources[0];
  if (s) return sourceSummary(note, s, detail);
  return `**${escapeMd(note.name)}** · ${note.claims.length} claim${note.claims.length === 1 ? '' : 's'}`;
}
