// End to end: encryption at rest and the lock. Encryption is turned on through the screen, the
// app is started again and opens locked: the chosen region's crisis lines still show, a wrong
// passphrase is refused, the right one opens the history. The lock button, the desktop-wide
// shortcut and closing the window (when asked) lock at once.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { Session, wipeData, waitFor, DB, DATA_DIR } from './webdriver.mjs';

const NOTE = 'Told nobody yet; this stays between me and the diary.';
const PASSPHRASE = 'quiet river under the bridge';
const SAVE_DIR = process.env.RECOVERY_COMPANION_E2E_SAVE_DIR;
const NEWER = 'seven quiet harbour lights';
/** Run against the binary people install, which has no seam for the save dialog. */
const SHIPPED = !!process.env.E2E_SHIPPED;

async function pick(s, scale, n) {
  await s.click(`#${scale} input[value="${n}"] + span`);
}

/** Whether any file in the data folder (backups included) holds `text` as plain bytes. */
function plainAnywhere(text) {
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return walk(DATA_DIR).filter((f) => readFileSync(f).includes(Buffer.from(text)));
}

async function unlockWith(s, passphrase) {
  await s.fill('#unlock-passphrase', passphrase);
  await s.click('[data-testid="unlock"]');
}

before(() => {
  wipeData();
  for (const n of readdirSync(SAVE_DIR)) if (n.endsWith('-protected.zip')) rmSync(join(SAVE_DIR, n));
});

test('encryption on through the screen; the next start is locked, help still shows, the passphrase opens it', async () => {
  let s = await Session.start();
  try {
    // The person's region for help, and one check-in with a note.
    await s.click('[data-testid="nav-help"]');
    await s.chooseRegion('ie');
    await s.click('[data-testid="nav-today"]');
    await s.el('#checkin-title');
    await pick(s, 'checkin-mood', 5);
    await pick(s, 'checkin-craving', 6);
    if (await s.exists('#checkin-sleep-quality')) await pick(s, 'checkin-sleep-quality', 3);
    await s.type('#checkin-note', NOTE);
    await s.click('.checkin-form button[type="submit"]');
    await waitFor(async () => (await s.text('.notice')).includes('Check-in saved'), 'the saved check-in');

    // Encryption on: the button waits for the "I understand".
    await s.click('[data-testid="nav-data"]');
    await s.el('[data-testid="privacy"]');
    await s.type('#encrypt-newPassphrase', PASSPHRASE);
    await s.type('#encrypt-againPassphrase', PASSPHRASE);
    assert.equal(await s.run(`return document.querySelector('[data-testid="encrypt"]').disabled`), true);
    await s.click('[data-testid="understood"]');
    await s.click('[data-testid="encrypt"]');
    await s.el('[data-testid="encrypted-status"]', 20_000);
    await s.screenshot('privacy-encrypted');
    assert.notEqual(readFileSync(DB).subarray(0, 15).toString('latin1'), 'SQLite format 3');
    assert.deepEqual(plainAnywhere(NOTE), [], 'the note is readable on disk');
    assert.throws(() => execFileSync('sqlite3', ['-readonly', DB, 'SELECT count(*) FROM checkins'], { stdio: 'pipe' }));

    // An export is now protected with the passphrase, unless the person unticks it. (Saved
    // through the tests' seam, which the shipped binary has not: `make test-shipped` skips it.)
    if (!SHIPPED) {
    assert.equal(await s.run(`return document.querySelector('[data-testid="protect-export"]').checked`), true);
    await s.click('[data-testid="format-json"]');
    await s.click('[data-testid="export-diary-button"]');
    await waitFor(() => s.exists('[data-testid="exported"]'), 'the protected export');
    const saved = readdirSync(SAVE_DIR).filter((n) => n.endsWith('-protected.zip'));
    assert.equal(saved.length, 1, `${saved}`);
    const zip = readFileSync(join(SAVE_DIR, saved[0]));
    assert.equal(zip.subarray(0, 2).toString('latin1'), 'PK');
    assert.ok(!zip.includes(Buffer.from(NOTE)), 'the note is readable in the export');
    }
    await s.quit();

    // The next start is locked: nothing of the diary, only the lock, help and the tools.
    s = await Session.start();
    await s.el('[data-testid="lock-screen"]');
    await s.screenshot('lock-screen');
    assert.equal(await s.exists('[data-testid="nav-history"]'), false);
    assert.ok(!(await s.text('main')).includes(NOTE));
    await s.click('[data-testid="nav-help"]');
    await waitFor(async () => (await s.attr('[data-testid="crisis-lines"]', 'data-region')) === 'ie', "Ireland's lines while locked");
    assert.ok((await s.text('[data-testid="crisis-lines"]')).length > 20);

    // Craving now works while locked: the breathing and grounding tools.
    await s.click('#craving-now');
    await s.el('[data-testid="lock-screen"]');
    assert.ok((await s.text('main')).toLowerCase().includes('breath'));

    await unlockWith(s, 'quiet river under the bridgE');
    await waitFor(async () => (await s.text('#unlock-error')).includes('does not open'), 'the wrong passphrase refused');
    await s.screenshot('lock-screen-wrong-passphrase');
    assert.equal(await s.exists('[data-testid="nav-history"]'), false);
    await unlockWith(s, PASSPHRASE);
    await s.click('[data-testid="nav-history"]');
    await waitFor(async () => (await s.text('main')).includes(NOTE), 'the note in the history after unlocking');

    // Lock at once, from the frame; the note is gone from the window.
    await s.click('[data-testid="nav-lock"]');
    await s.el('[data-testid="lock-screen"]');
    assert.ok(!(await s.text('main')).includes(NOTE));
    await unlockWith(s, PASSPHRASE);
    await waitFor(() => s.exists('[data-testid="nav-history"]'), 'unlocked again');

    // The shortcut locks from anywhere on the desktop (an X key event, as a keyboard sends).
    execFileSync('xdotool', ['key', '--clearmodifiers', 'ctrl+alt+shift+l']);
    await s.el('[data-testid="lock-screen"]');
    await unlockWith(s, PASSPHRASE);
    await waitFor(() => s.exists('[data-testid="nav-history"]'), 'unlocked after the shortcut');

    // Closed to the tray with "lock when I close the window": it comes back locked. (Discreet
    // mode came on with encryption, so the window is called "Companion".)
    await s.click('[data-testid="nav-data"]');
    await s.click('[data-testid="lock-when-hidden"]');
    await waitFor(async () => (await s.text('.notice')).includes('Lock settings saved'), 'the lock option saved');
    execFileSync(process.env.CLOSE_WINDOW_BIN, ['Companion']);
    await new Promise((r) => setTimeout(r, 500));
    execFileSync(process.env.APP_BINARY, [], { timeout: 10_000 });
    await s.el('[data-testid="lock-screen"]');
  } finally {
    await s.quit().catch(() => {});
  }
});

test('a changed passphrase: the one before it is answered "replaced", and the newer one opens', async () => {
  let s = await Session.start();
  try {
    await s.el('[data-testid="lock-screen"]');
    await unlockWith(s, PASSPHRASE);
    await s.click('[data-testid="nav-data"]');
    await s.click('[data-testid="change-passphrase-open"]');
    await s.type('#change-passphrase', PASSPHRASE);
    await s.type('#change-newPassphrase', NEWER);
    await s.type('#change-againPassphrase', NEWER);
    await s.click('[data-testid="change-submit"]');
    await waitFor(async () => (await s.text('.notice')).includes('passphrase was changed'), 'the change', 30_000);
    await s.quit();

    // The next morning, the old habit: the app says what happened, and the newer one opens.
    s = await Session.start();
    await s.el('[data-testid="lock-screen"]');
    await unlockWith(s, PASSPHRASE);
    await waitFor(async () => (await s.text('#unlock-error')).includes('replaced by a newer one'), 'the replaced passphrase named');
    assert.ok(!(await s.text('main')).toLowerCase().includes('damaged'));
    await unlockWith(s, NEWER);
    await s.click('[data-testid="nav-history"]');
    await waitFor(async () => (await s.text('main')).includes(NOTE), 'the note after the newer passphrase');
  } finally {
    await s.quit().catch(() => {});
  }
});
