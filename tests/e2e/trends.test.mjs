// End to end: the trends screen draws the core's charts from what was entered through the UI,
// follows the range switch, and its tables list the same figures as the data file.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { Session, sql, wipeData, waitFor } from './webdriver.mjs';

/** How many different pixel rows an 8-bit RGBA, non-interlaced PNG has. */
function distinctRows(png, width) {
  const idat = [];
  for (let at = 8; at < png.length; ) {
    const len = png.readUInt32BE(at);
    if (png.subarray(at + 4, at + 8).toString('latin1') === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = 1 + width * 4;
  const seen = new Set();
  for (let at = 0; at + stride <= raw.length; at += stride) seen.add(raw.subarray(at, at + stride).toString('base64'));
  return seen.size;
}

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
    await s.click('[data-testid="chart-mood"] .table-toggle');
    assert.equal(await s.attr('[data-testid="chart-mood"] .table-toggle', 'aria-expanded'), 'true');
    // The days come when a table is first opened: thirty rows for 30 days.
    await waitFor(async () => (await s.run(`return document.querySelectorAll('#mood-table tbody tr').length`)) === 30, 'thirty rows');
    await s.click('.range input[value="week"] + span');
    await waitFor(async () => (await s.run(`return document.querySelectorAll('#mood-table tbody tr').length`)) === 7, 'seven rows');

    // The table lists the same values as the data file.
    const cells = (table) =>
      s.run(`return [...document.querySelectorAll('${table} tbody tr:last-child > *')].map((c) => c.textContent.trim())`);
    const today = sql(`SELECT max(day) FROM checkins`);
    const moodAvg = Number(sql(`SELECT avg(mood) FROM checkins WHERE day = '${today}'`)).toFixed(1);
    assert.deepEqual((await cells('#mood-table')).slice(0, 2), [today, moodAvg]);
    await s.click('[data-testid="chart-craving"] .table-toggle');
    await s.el('#craving-table tbody tr');
    // Highest 8; average of 7, 5 (check-ins) and 8, 6 (logged) = 6.5; two logged on their own.
    assert.deepEqual((await cells('#craving-table')).slice(0, 4), [today, '8', '6.5', '2']);
  } finally {
    await s.quit().catch(() => {});
  }
});

test('a chart saves as a valid SVG and a valid PNG, written by the app', async () => {
  const dir = process.env.RECOVERY_COMPANION_E2E_SAVE_DIR;
  const s = await Session.start();
  try {
    await s.click('[data-testid="nav-trends"]');
    await s.el('[data-testid="chart-craving"] img');

    await s.click('[data-testid="chart-craving"] .save-svg');
    await waitFor(async () => (await s.text('[data-testid="saved"]')).startsWith('Saved to '), 'the SVG to be saved');
    const svgName = readdirSync(dir).find((f) => f.endsWith('.svg'));
    assert.match(svgName, /^cravings-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.svg$/);
    const svg = readFileSync(join(dir, svgName), 'utf8');
    assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, /<title>Cravings per day<\/title><desc>From /);
    assert.match(svg, /<\/svg>\s*$/);
    assert.ok((await s.text('[data-testid="saved"]')).endsWith(svgName));

    await s.click('[data-testid="chart-sleep"] .save-png');
    await waitFor(() => readdirSync(dir).some((f) => f.endsWith('.png')), 'the PNG to be saved');
    const png = readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.png'))));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1600, 640]);
    assert.deepEqual([png[24], png[25], png[28]], [8, 6, 0], '8-bit RGBA, not interlaced');
    // The picture is the chart, not a blank canvas: its rows of pixels differ.
    const rows = distinctRows(png, 1600);
    assert.ok(rows > 50, `only ${rows} distinct pixel rows`);
    assert.equal(readdirSync(dir).filter((f) => f.includes('.partial')).length, 0);
  } finally {
    await s.quit().catch(() => {});
  }
});
