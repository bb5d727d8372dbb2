// Every diagnostic code Claimlens reports, with a line of help: what
// `claimlens check --format sarif` lists as its rules, so a code-scanning
// dashboard can say what each finding means and how to fix it. The checks
// across claims also carry the severity they have unless `.claimlens.yaml`
// sets another under `checks:`.
import { type CheckLevel } from '../notes/model';

export interface Rule {
  /** The problem's code. */
  id: string;
  /** One line: what is wrong. */
  summary: string;
  /** How to fix it. */
  help: string;
}

/** The checks whose severity `.claimlens.yaml` may set, and their defaults. */
export const CONFIGURABLE_CHECKS: Readonly<Record<string, CheckLevel>> = {
  'contradiction-upheld': 'warning',
  'support-rejected': 'warning',
  'rejected-as-support': 'warning',
  'same-claim-conflict': 'warning',
  'verdict-without-grounds': 'off',
  'near-duplicate': 'hint',
};

const RULE_LIST: Array<[string, string, string]> = [
  ['contradiction-upheld', 'Two claims contradict each other and both are upheld.', 'Give one of them a verdict that is not upheld, or remove the contradicts:: link if they do not contradict.'],
  ['support-rejected', 'An upheld claim whose supporting claims are all rejected.', 'Find grounds of its own (a quote::, evidence::, a claim that holds), or reconsider its verdict.'],
  ['rejected-as-support', 'A rejected claim supports an upheld one.', 'Remove the supports:: link or reconsider one of the two verdicts.'],
  ['same-claim-conflict', 'Two claims marked as the same claim have verdicts of different stances.', 'Agree on one verdict in both notes, or remove the same-as:: link if they are different claims.'],
  ['verdict-without-grounds', 'A claim is upheld or rejected with no quote, no evidence and no supporting claim.', 'Add a quote::, an evidence:: link or a claim that supports:: it.'],
  ['near-duplicate', 'A claim in another note says nearly the same thing and is not linked to it.', 'Link them with same-as:: (quick fix "Mark as the same claim"), or record distinct-from:: (quick fix "Not the same claim").'],
  ['unknown-entity', 'A [[link]] in a claim names no entity and no note.', 'Add the entity to entities.yaml (quick fix), or correct the name.'],
  ['ambiguous-name', 'A name or alias belongs to more than one entity.', 'Rename one of the entities or drop the shared alias.'],
  ['duplicate-id', 'Two claims in one note share an id.', 'Give each claim its own ^id.'],
  ['missing-id', 'A claim has no ^id, so other notes cannot reference it.', 'Add an id (quick fix).'],
  ['dangling-ref', 'A reference names no claim.', 'Correct the note name or the ^id.'],
  ['relation-cycle', 'supports:: links go round in a circle.', 'Remove one of the links in the circle.'],
  ['unknown-status', 'A status:: is not one of the workspace\'s statuses.', 'Use a status from .claimlens.yaml (quick fix: set the status).'],
  ['duplicate-status', 'A claim has more than one status::.', 'Keep one status:: field.'],
  ['empty-claim', 'A #claim tag with no text after it.', 'Write the claim after the tag.'],
  ['unclosed-link', 'A [[ is never closed.', 'End the link with ]].'],
  ['quote-not-found', 'A quote:: is not in the note\'s saved source.', 'Copy the passage from the source exactly.'],
  ['quote-fuzzy', 'A quote:: matches the source only approximately.', 'Put in the source\'s text (quick fix).'],
  ['quote-ambiguous', 'A quote:: occurs more than once in the source, as closely each time.', 'Pin the place you mean (a quick fix per place, recorded in .claimlens/anchors.json), or quote a longer passage.'],
  ['source-changed-unreviewed', 'The saved source changed since its quotes were confirmed, and nobody has reviewed the change.', 'Run Claimlens: Review Changed Sources: accept the new passage, or keep the old wording.'],
  ['quote-earlier-version', 'The quote is kept as the article read when it was confirmed; the saved copy now reads differently.', 'Nothing to do: the exports state it. Accept the new passage in a later review to quote the article as it is now.'],
  ['anchors-record', 'The anchors record (.claimlens/anchors.json) cannot be read, or an entry in it is malformed.', 'Correct the file (a merge conflict, hand edits), or delete it and run claimlens anchors --confirm.'],
  ['source-missing', 'The note\'s source.path names no file.', 'Correct the path or save the article there.'],
  ['source-outside', 'The note\'s source lies outside the workspace folders.', 'Move the source into the workspace, or allow it (claimlens.sources.allowOutsideWorkspace).'],
  ['source-unreadable', 'The note\'s saved source cannot be read as text.', 'Save the article as UTF-8 text or HTML.'],
  ['source-changed', 'The saved source no longer has the recorded sha256.', 'Check the quotes against the new copy, then update sha256.'],
  ['unknown-source', 'A claim\'s source:: names no source of its note.', 'Use the id of one of the note\'s sources.'],
  ['front-matter-yaml', 'The note\'s front matter is not valid YAML.', 'Correct the YAML between the --- lines.'],
  ['front-matter-source', 'The front matter\'s source: has the wrong shape.', 'Write source: as a mapping (title, url, path, …) or a list of them.'],
  ['registry-yaml', 'An entity registry is not valid YAML.', 'Correct the YAML.'],
  ['registry-shape', 'An entity registry has the wrong shape.', 'Write it as a list of entities (- id: …, name: …, type: …).'],
  ['entity-no-name', 'An entity has no name.', 'Give it a name:.'],
  ['entity-type', 'An entity\'s type is not a known type.', 'Use person, organization, product, place or other.'],
  ['config-yaml', '.claimlens.yaml is not valid YAML.', 'Correct the YAML.'],
  ['config-shape', '.claimlens.yaml has the wrong shape.', 'See the note format in the README for its keys.'],
  ['config-status', 'A status in .claimlens.yaml is not well formed.', 'Give each status an id, and text, number or stance values as documented.'],
  ['config-check', 'A check\'s severity in .claimlens.yaml is not one Claimlens knows.', 'Use error, warning, information, hint or off.'],
  ['skipped', 'A file was not read (too large, binary, or not UTF-8).', 'Convert it to UTF-8 text, or exclude it.'],
  ['parse-failed', 'Part of a file could not be read.', 'Simplify the text at that line.'],
];

export const RULES: readonly Rule[] = RULE_LIST.map(([id, summary, help]) => ({ id, summary, help }));

/** The rule for a code; a code not listed gets a plain one, so a report never loses a finding. */
export function ruleFor(code: string): Rule {
  return RULES.find((r) => r.id === code) ?? { id: code || 'claimlens', summary: `Claimlens ${code || 'problem'}.`, help: 'See the message.' };
}
