// End to end: a backup restored from the screen shown when the data file is damaged, which
// says what the backup holds against what the damaged diary still shows before offering it.
// Needs no test seam, so it runs against the shipped binary too (`make test-shipped`).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, rmSync } from 'node:fs';
import { Session, sql, wipeData, waitFor, DB } from './webdriver.mjs';

const NOTE = 'Slept at my sister\'s; the backup should keep this.';

async function pick(s, scale, n) {
  await s.click(`#${scale} input[value="${n}"] + span`);
}

before(() => wipeData());

test('a damaged data file is replaced by a backup from the screen that reports it', async () => {
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
    await s.click('[data-testid="back-up-now"]');
    await waitFor(async () => (await s.text('[data-testid="backups"]')).includes('Made by you'), 'the new backup in the list');
    await s.quit();

    // The disk garbles the diary while the app is closed.
    writeFileSync(DB, Buffer.alloc(64 * 1024, 0x5a));
    for (const side of ['-wal', '-shm']) rmSync(DB + side, { force: true });
    s = await Session.start();
    await waitFor(() => s.exists('.card.fatal'), 'the damaged-file screen');
    await s.el('[data-testid="restore-damaged"] [data-testid="backup"]');
    assert.match(await s.text('[data-testid="newest-backup"]'), /^The newest whole backup is from .+, with 1 check-ins/);
    // Nothing of the garbled file can be read: the screen says so rather than promise it all.
    await waitFor(async () => (await s.text('[data-testid="damaged-compare"]')).includes('cannot be read to compare'), 'the comparison');
    await s.click('[data-testid="restore-damaged"] [data-testid="restore"]');
    assert.match(await s.text('[data-testid="restore-damaged"] .confirm'), /cannot be read to compare/);
    await s.click('[data-testid="confirm-restore"]');
    await waitFor(async () => (await s.text('.notice')).includes('restored from the backup'), 'the restore');
    await s.click('[data-testid="nav-history"]');
    await waitFor(async () => (await s.text('main')).includes(NOTE), 'the diary back in the history');
    assert.equal(sql("SELECT count(*) FROM checkins WHERE note LIKE 'Slept at my sister%'"), '1');
  } finally {
    await s.quit();
  }
});
