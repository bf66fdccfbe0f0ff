// Reminders through the real app: setting up hydration persists across a relaunch; closing
// the window leaves the app running (in the tray) so reminders keep coming.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Session, sql, wipeData, waitFor, sleep } from './webdriver.mjs';

before(() => wipeData());

/** PIDs of running app processes (the binary itself, not the scripts that name it). */
function appPids() {
  try {
    return execFileSync('pgrep', ['-x', 'recovery-compan'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** The window's title, as the window manager sees it. */
const TITLE = 'Recovery Companion';

test('a hydration reminder set up in the app is kept across a relaunch', async () => {
  let s = await Session.start();
  try {
    await s.click('[data-testid="nav-reminders"]');
    await s.el('[data-testid="reminder-hydration"]');
    await s.click('[data-testid="reminder-hydration"] .edit');
    await s.fill('#reminder-everyMin', '60');
    await s.fill('#reminder-from', '0830');
    await s.fill('#reminder-to', '2000');
    await s.click('[data-testid="reminder-hydration"] button[type="submit"]');
    await waitFor(async () => (await s.text('[data-testid="reminders-said"]')).includes('saved'), 'the reminder to be saved');
    // Turned on with its own switch.
    await s.click('[data-testid="reminder-hydration"] input.enabled');
    await waitFor(async () => (await s.text('[data-testid="reminders-said"]')).includes('is on'), 'the reminder to be on');
    assert.match(await s.text('[data-testid="reminder-hydration"]'), /Every 60 minutes from 08:30 to 20:00/);
    assert.match(await s.text('[data-testid="reminder-hydration"] [data-testid="next"]'), /Next: (today|tomorrow) at \d\d:\d\d/);
    assert.equal(sql(`SELECT enabled, every_min, window_start, window_end FROM reminders WHERE kind = 'hydration'`), '1|60|08:30|20:00');

    // A bad interval is explained next to the field and changes nothing.
    await s.click('[data-testid="reminder-hydration"] .edit');
    await s.fill('#reminder-everyMin', '5');
    await s.click('[data-testid="reminder-hydration"] button[type="submit"]');
    assert.match(await s.text('#reminder-everyMin-error'), /between 15 and 720/);
    assert.equal(sql(`SELECT every_min FROM reminders WHERE kind = 'hydration'`), '60');
  } finally {
    await s.quit().catch(() => {});
  }

  s = await Session.start();
  try {
    await s.click('[data-testid="nav-reminders"]');
    await s.el('[data-testid="reminder-hydration"]');
    assert.match(await s.text('[data-testid="reminder-hydration"]'), /Every 60 minutes from 08:30 to 20:00/);
    assert.equal(await s.run(`return document.querySelector('[data-testid="reminder-hydration"] input.enabled').checked`), true);
    // Water counts toward the goal on the Today screen.
    await s.click('[data-testid="nav-today"]');
    await s.click('[data-testid="drank-water"]');
    await waitFor(async () => (await s.text('[data-testid="water-count"]')).startsWith('1 of 8'), 'a glass to be counted');
    assert.equal(sql('SELECT count(*) FROM water'), '1');
  } finally {
    await s.quit().catch(() => {});
  }
});

test('closing the window leaves the app running', async () => {
  const s = await Session.start();
  const pids = appPids();
  assert.ok(pids.length >= 1, 'the app runs');
  try {
    assert.equal(pids.length, 1, 'one app process');
    execFileSync(process.env.CLOSE_WINDOW_BIN, [TITLE]);
    await sleep(1000);
    assert.deepEqual(appPids(), pids, 'the same process is still running');
    // A second launch brings the hidden window back instead of starting another copy.
    execFileSync(process.env.APP_BINARY, [], { timeout: 10_000 });
    assert.deepEqual(appPids(), pids);
  } finally {
    await s.quit().catch(() => {});
    // Ending the session usually ends the app too; make sure, without minding a race.
    for (const pid of appPids()) {
      try {
        process.kill(Number(pid));
      } catch {
        /* already gone */
      }
    }
  }
});

test('with no session bus, reminders say why and appear inside the app', async () => {
  // A second WebDriver (started by run.sh) launches the app with a bus address that leads nowhere.
  const s = await Session.start(process.env.NO_BUS_WEBDRIVER_URL);
  try {
    await s.click('[data-testid="nav-reminders"]');
    const status = await s.text('[data-testid="desktop-status"]');
    assert.match(status, /Desktop notifications are not available: there is no desktop session bus/);
    assert.match(status, /appear inside this window/);
    const started = Date.now();
    await s.click('[data-testid="test-notification"]');
    await waitFor(() => s.exists('[data-testid="in-app-reminders"]'), 'the reminder inside the app', 5000);
    assert.ok(Date.now() - started < 5000, 'no waiting on a bus that is not there');
    assert.match(await s.text('[data-testid="in-app-reminders"]'), /Reminders are working/);
  } finally {
    await s.quit().catch(() => {});
  }
});
