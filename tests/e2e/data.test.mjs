// End to end: the person's diary leaves the app and comes back. A check-in is exported as JSON
// and as CSV and imported into a fresh data folder through the preview; Daylio and Bearable
// files come in. (A backup restored over a damaged diary: damaged.test.mjs.)
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Session, sql, wipeData, waitFor, DB } from './webdriver.mjs';

const NOTE = 'Moved house today; "quotes", commas, and ümlauts survive.';
const SAVE_DIR = process.env.RECOVERY_COMPANION_E2E_SAVE_DIR;
const OPEN_FROM = process.env.RECOVERY_COMPANION_E2E_OPEN_FROM;

async function pick(s, scale, n) {
  await s.click(`#${scale} input[value="${n}"] + span`);
}

/** The preview's rows as [kind, new, already there, different]. */
function previewRows(s) {
  return s.run(`return [...document.querySelectorAll('[data-testid="import-preview"] tbody tr')].map((r) => [...r.children].map((c) => c.textContent.trim()))`);
}

function exported(ext) {
  const names = readdirSync(SAVE_DIR).filter((n) => n.startsWith('recovery-diary-') && n.endsWith(`.${ext}`));
  return names.length ? join(SAVE_DIR, names[0]) : null;
}

before(() => {
  wipeData();
  for (const n of readdirSync(SAVE_DIR)) if (n.startsWith('recovery-diary-')) rmSync(join(SAVE_DIR, n));
});

test('export as JSON and CSV, then import the JSON into a fresh diary through its preview', async () => {
  let s = await Session.start();
  try {
    await s.el('#checkin-title');
    await pick(s, 'checkin-mood', 6);
    await pick(s, 'checkin-craving', 3);
    if (await s.exists('#checkin-sleep-quality')) await pick(s, 'checkin-sleep-quality', 4);
    await s.type('#checkin-note', NOTE);
    await s.click('.checkin-form button[type="submit"]');
    await waitFor(async () => (await s.text('.notice')).includes('Check-in saved'), 'the saved check-in');

    await s.click('[data-testid="nav-data"]');
    await s.click('[data-testid="format-json"]');
    await s.click('[data-testid="export-diary-button"]');
    await waitFor(() => s.exists('[data-testid="exported"]'), 'the JSON export');
    const json = exported('json');
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    assert.equal(doc.format, 'recovery-companion-diary');
    assert.equal(doc.checkins.length, 1);
    assert.equal(doc.checkins[0].note, NOTE);
    assert.match(doc.checkins[0].recordedAt, /[+-]\d\d:\d\d$|Z$/);

    await s.click('[data-testid="format-csv"]');
    await s.click('[data-testid="export-diary-button"]');
    await waitFor(() => exported('zip'), 'the CSV zip');
    const zip = readFileSync(exported('zip'));
    assert.equal(zip.subarray(0, 2).toString('latin1'), 'PK');
    assert.ok(zip.includes(Buffer.from('checkins.csv')));
    await s.quit();

    // A new computer: an empty data folder, and the export brought along.
    wipeData();
    s = await Session.start();
    await s.click('[data-testid="nav-data"]');
    writeFileSync(OPEN_FROM, json);
    await s.click('[data-testid="choose-import"]');
    await s.el('[data-testid="import-preview"]');
    assert.deepEqual((await previewRows(s)).find((r) => r[0] === 'check-ins'), ['check-ins', '1', '0', '0']);
    assert.equal(sql('SELECT count(*) FROM checkins'), '0', 'a preview changes nothing');
    await s.click('[data-testid="run-import"]');
    await waitFor(() => s.exists('[data-testid="imported"]'), 'the import');
    assert.match(await s.text('[data-testid="imported"]'), /Imported 1 entry/);
    await s.click('[data-testid="nav-history"]');
    await waitFor(async () => (await s.text('main')).includes(NOTE), 'the imported note in the history');

    // The same file again adds nothing.
    await s.click('[data-testid="nav-data"]');
    await s.click('[data-testid="choose-import"]');
    await waitFor(async () => (await previewRows(s)).find((r) => r[0] === 'check-ins')?.join() === 'check-ins,0,1,0', 'an all-identical preview');
    await s.click('[data-testid="run-import"]');
    await waitFor(async () => (await s.text('[data-testid="imported"]')).includes('already in your diary'), 'nothing new');
    assert.equal(sql('SELECT count(*) FROM checkins'), '1');
  } finally {
    await s.quit();
  }
});

test('a Daylio export with a label of its own comes in as check-ins without a craving', async () => {
  wipeData();
  const daylio = new URL('../../crates/companion-core/tests/fixtures/daylio-de.csv', import.meta.url).pathname;
  const s = await Session.start();
  try {
    await s.click('[data-testid="nav-data"]');
    writeFileSync(OPEN_FROM, daylio);
    await s.click('[data-testid="choose-daylio"]');
    await s.el('[data-testid="daylio-summary"]');
    assert.match(await s.text('[data-testid="daylio-summary"]'), /^5 entries, 2024-03-03 to 2024-03-06; 5 not in your diary yet/);
    // Daylio's own German labels come suggested; the person's own label waits for a value.
    assert.equal(await s.run(`return document.querySelector('[data-testid="daylio-label-Gut"]').value`), '7');
    assert.equal(await s.attr('[data-testid="run-daylio"]', 'disabled'), 'true');
    await s.run(`const el = document.querySelector('[data-testid="daylio-label-Meine eigene Stimmung"]');
      el.value = '6'; el.dispatchEvent(new Event('change', { bubbles: true }));`);
    await waitFor(async () => (await s.attr('[data-testid="run-daylio"]', 'disabled')) === null, 'the import button');
    await s.screenshot('daylio-mapping');
    await s.click('[data-testid="run-daylio"]');
    await waitFor(() => s.exists('[data-testid="daylio-done"]'), 'the Daylio import');
    assert.match(await s.text('[data-testid="daylio-done"]'), /Imported 5 check-ins/);
    assert.equal(sql('SELECT count(*) FROM checkins WHERE craving IS NULL'), '5');
    assert.equal(sql("SELECT mood FROM checkins WHERE note = 'Ein, zwei <gute> Momente'"), '6');

    await s.click('[data-testid="nav-history"]');
    await waitFor(async () => (await s.text('main')).includes('Sie sagte: "Du schaffst das."'), 'the Daylio note in the history');
    assert.match(await s.text('main'), /Cravings not recorded/);
    await s.screenshot('daylio-history');
  } finally {
    await s.quit();
  }
});

test('a Bearable export shows what comes in and what is left out, then comes in', async () => {
  wipeData();
  const bearable = new URL('../../crates/companion-core/tests/fixtures/bearable.csv', import.meta.url).pathname;
  const s = await Session.start();
  try {
    await s.click('[data-testid="nav-data"]');
    writeFileSync(OPEN_FROM, bearable);
    await s.click('[data-testid="choose-bearable"]');
    await s.el('[data-testid="bearable-preview"]');
    const preview = await s.text('[data-testid="bearable-preview"]');
    assert.match(preview, /3 check-ins from moods \(read as 1–5, spread over 0–10\)/);
    assert.match(preview, /2 days of symptoms/);
    assert.match(await s.text('[data-testid="bearable-skipped"]'), /Symptom: Headache: 1 row \(not one of the app's sixteen symptoms\)/);
    assert.equal(sql('SELECT count(*) FROM checkins'), '0', 'a preview changes nothing');
    await s.click('[data-testid="run-bearable"]');
    await waitFor(() => s.exists('[data-testid="bearable-done"]'), 'the Bearable import');
    assert.match(await s.text('[data-testid="bearable-done"]'), /Imported 3 check-ins, 2 days of symptoms and 2 notes/);
    assert.equal(sql("SELECT score FROM symptom_scores JOIN symptom_checks c ON c.id = check_id WHERE c.day = '2024-03-05' AND symptom = 'anxiety'"), '3');
  } finally {
    await s.quit();
  }
});
