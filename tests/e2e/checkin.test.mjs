// End to end: the real app binary in WebKitGTK, driven like a person would use it.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, DB, Session, sql, wipeData, waitFor } from './webdriver.mjs';

const NOTE = 'Felt <img src=x onerror=alert(1)> and <script>window.__pwned = 1</script> & "ok"';

/** Chooses `n` on a 0–10 (or 1–5) scale, by clicking its box as a person would. */
async function pick(s, scale, n) {
  await s.click(`#${scale} input[value="${n}"] + span`);
}

const setValue = (s, css, value) => s.setValue(css, value);

async function activeId(s) {
  return s.run('return document.activeElement && document.activeElement.id');
}

const table = () =>
  sql(`SELECT day, mood, craving, note, latency_min, awakenings, awake_min, sleep_quality,
              wake_at - lights_off_at, out_of_bed_at - bed_at FROM checkins ORDER BY id`);
const everything = () => sql('SELECT * FROM checkins ORDER BY id; SELECT * FROM cravings ORDER BY id;');

before(() => wipeData());

test('a check-in with sleep is saved, shown with its efficiency, edited, and kept across a relaunch', async () => {
  let s = await Session.start();
  try {
    await s.el('#checkin-title');
    await pick(s, 'checkin-mood', 6);
    await pick(s, 'checkin-craving', 4);
    await s.fill('#checkin-sleep-bedTime', '22:40');
    await s.fill('#checkin-sleep-lightsOff', '2300'); // shorthand is read as 23:00
    await s.fill('#checkin-sleep-latencyMin', '30');
    await s.fill('#checkin-sleep-awakenings', '2');
    await s.fill('#checkin-sleep-awakeMin', '20');
    await s.fill('#checkin-sleep-finalWake', '6:30');
    await s.fill('#checkin-sleep-outOfBed', '06:50');
    await pick(s, 'checkin-sleep-quality', 3);
    await s.type('#checkin-note', NOTE);

    // The figures appear while typing, computed by the core.
    await waitFor(async () => (await s.text('[data-testid="sleep-preview"]')).includes('81.6%'), 'the sleep preview');
    const preview = await s.text('[data-testid="sleep-preview"]');
    assert.match(preview, /8 h 10 min/);
    assert.match(preview, /6 h 40 min/);
    await s.screenshot('checkin-filled');

    await s.click('.checkin-form button[type="submit"]');
    await waitFor(async () => (await s.text('.notice')).includes('Check-in saved'), 'the saved notice');

    const entry = await s.el('li.entry.checkin');
    const id = (await s.attr('li.entry.checkin', 'data-testid')).replace('checkin-', '');
    assert.ok(entry);
    assert.equal(await s.text(`[data-testid="checkin-${id}"] [data-testid="efficiency"]`), 'Sleep efficiency 81.6%');
    assert.match(await s.text(`[data-testid="checkin-${id}"]`), /Slept 6 h 40 min of 8 h 10 min in bed/);

    // The note is shown as the text it is: no element was made from it, no script ran.
    assert.equal(await s.text(`[data-testid="checkin-${id}"] .note`), NOTE);
    assert.equal(await s.run(`return document.querySelectorAll('.note img, .note script').length`), 0);
    assert.equal(await s.run('return window.__pwned === undefined'), true);

    const today = await s.run('const d = new Date(); return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0")');
    assert.equal(table(), `${today}|6|4|${NOTE}|30|2|20|3|27000|29400`);

    // Edit: the form opens in place with the saved values; change the mood.
    await s.click(`[data-testid="checkin-${id}"] .entry-actions button:first-child`);
    await s.el(`#checkin-${id}-title`);
    assert.equal(await s.run(`return document.querySelector('#checkin-${id}-sleep-bedTime').value`), '22:40');
    await pick(s, `checkin-${id}-mood`, 8);
    await s.click(`#checkin-${id}-title ~ .actions button[type="submit"]`);
    await waitFor(async () => (await s.text(`[data-testid="checkin-${id}"]`)).includes('Mood 8 of 10'), 'the edited entry');
    assert.equal(table(), `${today}|8|4|${NOTE}|30|2|20|3|27000|29400`);
    const saved = everything();
    await s.quit();

    // Relaunch: the same entry, unchanged, in the history.
    s = await Session.start();
    await s.click('[data-testid="nav-history"]');
    await s.el('#history-title');
    const shown = await waitFor(async () => {
      const t = await s.text(`[data-testid="checkin-${id}"]`);
      return t.includes('Mood 8 of 10') && t;
    }, 'the entry after a relaunch');
    assert.match(shown, /Sleep efficiency 81\.6%/);
    assert.match(await s.text('.day h2'), /^Today, /);
    assert.equal(everything(), saved);
    await s.screenshot('history-after-relaunch');
  } finally {
    await s.quit().catch(() => {});
  }
});

test('invalid entries get a sentence next to the field and change nothing', async () => {
  const s = await Session.start();
  try {
    await s.el('#checkin-title');
    const before = everything();

    // A required field left empty: the sentence sits by the field, and focus goes there.
    await s.click('.checkin-form button[type="submit"]');
    await waitFor(() => s.exists('#checkin-mood-error'), 'the mood error');
    assert.match(await s.text('#checkin-mood-error'), /choose your mood/i);
    assert.equal(await s.attr('#checkin-mood', 'aria-invalid'), 'true');
    assert.match(await s.attr('#checkin-mood', 'aria-describedby'), /checkin-mood-error/);
    assert.equal(await activeId(s), '', 'focus is on a radio of the mood scale');
    assert.equal(await s.run('return document.activeElement.name'), 'checkin-mood');

    // A wake time before bed time (bed after midnight, waking before that). The sleep diary
    // starts unticked once today's night is recorded, so tick it.
    await pick(s, 'checkin-mood', 5);
    await pick(s, 'checkin-craving', 5);
    if (!(await s.run(`return document.getElementById('checkin-sleep').checked`))) await s.click('#checkin-sleep');
    await pick(s, 'checkin-sleep-quality', 2);
    await s.fill('#checkin-sleep-bedTime', '01:30');
    await s.fill('#checkin-sleep-lightsOff', '01:40');
    await s.fill('#checkin-sleep-finalWake', '01:00');
    await s.fill('#checkin-sleep-outOfBed', '01:10');
    await s.click('.checkin-form button[type="submit"]');
    await waitFor(() => s.exists('#checkin-sleep-finalWake-error'), 'the wake time error');
    assert.match(await s.text('#checkin-sleep-finalWake-error'), /before the time you went to bed/);
    assert.equal(await activeId(s), 'checkin-sleep-finalWake');
    assert.equal(await s.attr('#checkin-sleep-finalWake', 'aria-invalid'), 'true');
    await s.screenshot('error-wake-before-bed');
    await s.fill('#checkin-sleep-bedTime', '23:00');
    await s.fill('#checkin-sleep-lightsOff', '23:15');

    // A value out of range.
    await s.fill('#checkin-sleep-finalWake', '07:00');
    await s.fill('#checkin-sleep-outOfBed', '07:15');
    await s.fill('#checkin-sleep-awakenings', '99');
    await s.click('.checkin-form button[type="submit"]');
    await waitFor(() => s.exists('#checkin-sleep-awakenings-error'), 'the range error');
    assert.match(await s.text('#checkin-sleep-awakenings-error'), /between 0 and 50/);
    await s.fill('#checkin-sleep-awakenings', '1');

    // A day still to come.
    const tomorrow = await s.run('const d = new Date(Date.now() + 86400000); return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0")');
    await setValue(s, '#checkin-day', tomorrow);
    await s.click('.checkin-form button[type="submit"]');
    await waitFor(() => s.exists('#checkin-day-error'), 'the future-day error');
    assert.match(await s.text('#checkin-day-error'), /has not come yet/);

    // A 1 MB note, pasted.
    const today = await s.run('const d = new Date(); return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0")');
    await setValue(s, '#checkin-day', today);
    await setValue(s, '#checkin-note', 'x'.repeat(1 << 20));
    await s.click('.checkin-form button[type="submit"]');
    await waitFor(() => s.exists('#checkin-note-error'), 'the note error');
    assert.match(await s.text('#checkin-note-error'), /up to 5,000 characters; this one has 1,048,576/);
    assert.equal(await s.exists('#checkin-day-error'), false, 'a fixed field loses its error');

    // A craving without a strength.
    await s.click('.craving-now');
    await s.el('#craving-now-title');
    await s.click('.craving-form button[type="submit"]');
    await waitFor(() => s.exists('#craving-intensity-error'), 'the craving error');

    assert.equal(everything(), before, 'the database did not change');
  } finally {
    await s.quit().catch(() => {});
  }
});

test('keyboard only: a check-in with Tab, arrows and Enter; a craving logged, deleted and undone', async () => {
  const s = await Session.start();
  try {
    await s.el('#checkin-title');
    const count = () => Number(sql('SELECT count(*) FROM checkins'));
    const n = count();
    await s.run(`document.getElementById('checkin-day').focus()`);
    // Tab into the mood scale and arrow to 3, then the craving scale and arrow to 2. Last
    // night is already recorded (first test), so the sleep diary starts unticked: Enter saves.
    // The date field has a stop for each of its parts, so Tab on until the mood scale.
    const mood = await s.tabUntil((a) => a.name === 'checkin-mood', 'the mood scale');
    assert.equal(mood.value, '0', 'Tab lands on the first choice without choosing it');
    await s.keys('\uE014\uE014\uE014');
    await s.tabUntil((a) => a.name === 'checkin-craving', 'the craving scale');
    await s.keys('\uE014\uE014');
    await s.tabUntil((a) => a.id === 'checkin-sleep', 'the sleep checkbox');
    assert.equal(await s.run(`return document.getElementById('checkin-sleep').checked`), false);
    await s.keys('\uE007');
    await waitFor(() => count() === n + 1, 'the keyboard check-in to be saved');
    assert.equal(sql('SELECT mood, craving, bed_at IS NULL FROM checkins ORDER BY id DESC LIMIT 1'), '3|2|1');

    // "Craving now" is reachable from the keyboard and logs a craving.
    await s.run(`document.querySelector('.craving-now').focus()`);
    await s.keys('\uE007');
    await s.el('#craving-now-title');
    await pick(s, 'craving-intensity', 7);
    await s.type('#craving-context', 'After a hard phone call');
    await s.keys('\uE007');
    await waitFor(async () => (await s.text('.notice')).includes('Craving saved'), 'the craving notice');
    assert.equal(sql('SELECT intensity, context FROM cravings ORDER BY id DESC LIMIT 1'), '7|After a hard phone call');

    // Delete it from today's list, then undo.
    await s.click('[data-testid="nav-today"]');
    await s.el('li.entry.craving');
    await s.click('li.entry.craving .entry-actions button:last-child');
    await waitFor(async () => !(await s.exists('li.entry.craving')), 'the craving to go');
    assert.equal(sql('SELECT count(*) FROM cravings WHERE deleted_at IS NULL'), '0');
    assert.equal(await activeId(s), 'undo', 'focus moves to Undo');
    await s.keys('\uE007');
    await s.el('li.entry.craving');
    assert.equal(sql('SELECT count(*) FROM cravings WHERE deleted_at IS NULL'), '1');
    await s.screenshot('today-with-entries');
  } finally {
    await s.quit().catch(() => {});
  }
});

test('help is one click away from every screen', async () => {
  const s = await Session.start();
  try {
    for (const screen of ['today', 'history', 'trends']) {
      await s.click(`[data-testid="nav-${screen}"]`);
      await s.click('[data-testid="nav-help"]');
      // The suite's zone (Etc/GMT±N) names no country: the general advice, and a question.
      const text = await s.text('.help');
      assert.match(text, /local emergency number/);
      assert.match(text, /cannot tell/);
    }
    await s.click('.craving-now');
    await s.click('.craving-now-screen button.link');
    await s.el('#help-title');
  } finally {
    await s.quit().catch(() => {});
  }
});

test('a damaged data file is explained, not opened, and left exactly as it was', async () => {
  wipeData();
  mkdirSync(DATA_DIR, { recursive: true });
  const junk = Buffer.from('This is a shopping list, not a database.\n'.repeat(100));
  writeFileSync(DB, junk);
  // A region chosen earlier is kept apart from the diary, so help still follows it.
  writeFileSync(join(DATA_DIR, 'help-region'), 'ie');
  const s = await Session.start();
  try {
    const alert = await s.el('.fatal');
    assert.match(await s.text('.fatal h1'), /could not be opened/);
    const text = await s.cmd('GET', `/element/${alert}/text`);
    assert.match(text, /damaged or is not a database/);
    assert.match(text, /left untouched/);
    assert.ok(text.includes(DB), 'the message names the file');
    // Help still works when the data does not.
    await s.click('[data-testid="nav-help"]');
    await waitFor(async () => /116 123/.test(await s.text('[data-testid="crisis-lines"]')), 'the chosen region without the diary');
    assert.match(await s.text('[data-testid="crisis-lines"]'), /01 809 2166/);
    assert.match(await s.text('[data-testid="contacts-problem"]'), /could not be opened/);
    // So do Craving now's tools.
    await s.click('#craving-now');
    await s.el('#craving-now-title');
    assert.match(await s.text('.craving-now-screen'), /Box breathing/);
  } finally {
    await s.quit().catch(() => {});
  }
  assert.deepEqual(readFileSync(DB), junk);
  assert.equal(existsSync(`${DB}-wal`), false);
  wipeData();
});
