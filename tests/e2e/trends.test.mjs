// End to end: the trends screen draws the core's charts from what was entered through the UI,
// follows the range switch, and its tables list the same figures as the data file.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Session, sql, wipeData, waitFor } from './webdriver.mjs';

async function pick(s, scale, n) {
  await s.click(`#${scale} input[value="${n}"] + span`);
}

before(() => wipeData());

test('a few check-ins become three charts, a range switch and matching tables', async () => {
  const s = await Session.start();
  try {
    // Before any entry, each chart says there is nothing yet instead of drawing empty axes.
    await s.click('[data-testid="nav-trends"]');
    for (const id of ['craving', 'sleep', 'mood']) {
      assert.match(await s.text(`[data-testid="chart-${id}"] [data-testid="empty"]`), /^No /);
    }
    assert.equal(await s.exists('.chart img'), false);

    // Two check-ins today, the first with last night's sleep, and two cravings.
    await s.click('[data-testid="nav-today"]');
    await s.el('#checkin-title');
    for (const [mood, craving] of [[4, 7], [6, 5]]) {
      await pick(s, 'checkin-mood', mood);
      await pick(s, 'checkin-craving', craving);
      if (await s.exists('#checkin-sleep-quality')) await pick(s, 'checkin-sleep-quality', 4);
      await s.click('.checkin-form button[type="submit"]');
      await waitFor(async () => Number(sql('SELECT count(*) FROM checkins')) === (mood === 4 ? 1 : 2), 'the check-in');
    }
    for (const strength of [8, 6]) {
      await s.click('.craving-now');
      await pick(s, 'craving-intensity', strength);
      await s.click('.craving-form button[type="submit"]');
      await waitFor(async () => (await s.text('.notice')).includes('Craving saved'), 'the craving');
    }

    await s.click('[data-testid="nav-trends"]');
    for (const id of ['craving', 'sleep', 'mood']) {
      const img = `[data-testid="chart-${id}"] img`;
      await s.el(img);
      // The image decoded: WebKit drew the SVG (at the chart's 800 × 320 proportions).
      await waitFor(
        () => s.run(`const i = document.querySelector('${img}'); return i.complete && i.naturalWidth > 0 && Math.abs(i.naturalWidth / i.naturalHeight - 2.5) < 0.05`),
        `the ${id} chart to draw`,
      );
    }
    const cravingAlt = await s.attr('[data-testid="chart-craving"] img', 'alt');
    assert.match(cravingAlt, /1 days with a craving rating and 2 cravings logged/);
    assert.match(cravingAlt, /highest 8/);
    assert.match(await s.attr('[data-testid="chart-sleep"] img', 'alt'), /1 nights with a sleep diary/);

    // The range switch: 30 days by default, then 7.
    await s.click('[data-testid="chart-mood"] button');
    assert.equal(await s.attr('[data-testid="chart-mood"] button', 'aria-expanded'), 'true');
    const rows30 = await s.run(`return document.querySelectorAll('#mood-table tbody tr').length`);
    assert.equal(rows30, 30);
    await s.click('.range input[value="week"] + span');
    await waitFor(async () => (await s.run(`return document.querySelectorAll('#mood-table tbody tr').length`)) === 7, 'seven rows');

    // The table lists the same values as the data file.
    const cells = (table) =>
      s.run(`return [...document.querySelectorAll('${table} tbody tr:last-child > *')].map((c) => c.textContent.trim())`);
    const today = sql(`SELECT max(day) FROM checkins`);
    const moodAvg = Number(sql(`SELECT avg(mood) FROM checkins WHERE day = '${today}'`)).toFixed(1);
    assert.deepEqual((await cells('#mood-table')).slice(0, 2), [today, moodAvg]);
    await s.click('[data-testid="chart-craving"] button');
    // Highest 8; average of 7, 5 (check-ins) and 8, 6 (logged) = 6.5; two logged on their own.
    assert.deepEqual((await cells('#craving-table')).slice(0, 4), [today, '8', '6.5', '2']);
  } finally {
    await s.quit().catch(() => {});
  }
});
