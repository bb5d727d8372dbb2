// In a real VS Code: the sample article shows the passages its note quotes,
// hovering one shows the claim card, "Claimlens: Tag Selection as Claim"
// turns a selected sentence into a new claim at the end of the note, with the
// claim's text selected, and "Claimlens: Go to Source" goes back from a claim
// to its passage. The session serves a copy of samples/, since the test adds
// a claim to a note.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { positionOf, screenshotOnFailure, sessionFor } from './session';
import { activeEditor, hoverUntil, moveCaret, openFile, readEditorText, runCommand, screenshot } from './workbench';

const ARTICLE = 'articles/openai-consumer-shift.txt';
const NOTE = 'notes/openai-consumer-shift.md';
const SENTENCE = 'This suggests a desire to maintain a positive user experience and avoid the potential pitfalls of intrusive advertising.';
// A sentence stays whole as the new claim's text.
const CLAIM_TEXT = SENTENCE;

const session = sessionFor('e2e-tag', { copySamples: true, settings: { 'editor.wordWrap': 'on' } });

test('the article shows its quoted passages; hovering one shows the claim card', { timeout: 120_000 }, async () => {
  const { page } = session();
  await screenshotOnFailure(page, 'source-highlights-failure.png', async () => {
    await openFile(page, ARTICLE);
    // The date the article gives in Chinese format is quoted by ^self-dated.
    const hover = await hoverUntil(page, positionOf(ARTICLE, '2025年3月28日', 2), ['Supported', 'Chinese date format']);
    const text = await hover.innerText();
    assert.match(text, /The page is dated 28 March 2025, written in Chinese date format\./);
    assert.match(text, /notes\/openai-consumer-shift#\^self-dated/);
    await screenshot(page, 'source-hover.png');
    // The passages are drawn as editor decorations (Monaco's "ced-" classes).
    await activeEditor(page).locator('.view-overlays .cdr[class*="ced-"]').first().waitFor();
    await page.mouse.move(0, 0);
    await moveCaret(page, 1, 1);
  });
  await screenshot(page, 'source-highlights.png');
});

test('Tag Selection as Claim adds the selected sentence to the note as a new claim', { timeout: 120_000 }, async () => {
  const { page } = session();
  await screenshotOnFailure(page, 'tag-selection-failure.png', async () => {
    const at = positionOf(ARTICLE, SENTENCE);
    await moveCaret(page, at.line, at.column);
    for (let i = 0; i < SENTENCE.length; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.locator('#status\\.editor\\.selection').filter({ hasText: `(${SENTENCE.length} selected)` }).waitFor();
    await runCommand(page, 'Claimlens: Tag Selection as Claim');
    await page.locator(`.editor-group-container.active .monaco-editor[data-uri$="/${NOTE}"]`).waitFor();
    // The new claim's text is selected, ready to be rewritten.
    await page.locator('#status\\.editor\\.selection').filter({ hasText: `(${CLAIM_TEXT.length} selected)` }).waitFor();
    await screenshot(page, 'tag-selection.png');
    const text = await readEditorText(page);
    assert.ok(text.endsWith(
      `\n\n- #claim ${CLAIM_TEXT} ^this-suggests-a-desire-to\n  - quote:: "${SENTENCE}"\n  - status:: unverified\n`,
    ), text.slice(-400));
  });
});

test('Go to Source on a claim opens the article with the quoted passage selected', { timeout: 120_000 }, async () => {
  const { page } = session();
  const quote = 'a research lab focused on advancing artificial general intelligence (AGI)';
  await screenshotOnFailure(page, 'go-to-source-failure.png', async () => {
    await openFile(page, NOTE);
    const at = positionOf(NOTE, '^agi-lab', 1);
    await moveCaret(page, at.line, at.column);
    await runCommand(page, 'Claimlens: Go to Source');
    await page.locator(`.editor-group-container.active .monaco-editor[data-uri$="/${ARTICLE}"]`).waitFor();
    const passage = positionOf(ARTICLE, quote);
    await page.locator('#status\\.editor\\.selection')
      .filter({ hasText: `Ln ${passage.line}, Col ${passage.column + quote.length} (${quote.length} selected)` }).waitFor();
  });
  await screenshot(page, 'go-to-source.png');
});
