// In a real VS Code: hovering an entity mention in a note shows the entity's
// card, which comes from the language server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { positionOf, screenshotOnFailure, sessionFor } from './session';
import { hoverUntil, openFile, screenshot } from './workbench';

const NOTE = 'notes/openai-consumer-shift.md';
const session = sessionFor('e2e-hover');

test('hovering [[Sam Altman]] shows the entity card', { timeout: 120_000 }, async () => {
  const { page } = session();
  await screenshotOnFailure(page, 'hover-entity-failure.png', async () => {
    await openFile(page, NOTE);
    // On the 'S' of the name, inside the brackets.
    const at = positionOf(NOTE, '[[Sam Altman]]', 2);
    const hover = await hoverUntil(page, at, ['Sam Altman', 'person']);
    const text = await hover.innerText();
    assert.match(text, /Sam Altman/);
    assert.match(text, /person/i);
    // The tally comes from the index: the sample note's claims that mention him.
    assert.match(text, /10\s+claims in\s+1\s+note/);
  });
  await screenshot(page, 'hover-entity.png');
});
