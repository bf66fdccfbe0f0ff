// End to end: the window fits. At the smallest size the navigation is one row; from 1100 px it
// is a column on the left. The window's size is remembered across a relaunch, in a file in
// the data folder.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, Session, sleep, wipeData, waitFor } from './webdriver.mjs';

before(() => wipeData());

/** The distinct tops of the navigation's buttons and of "Craving now", in CSS pixels. */
const ROWS = `return [...new Set([...document.querySelectorAll('header nav button, #craving-now')]
  .map((b) => Math.round(b.getBoundingClientRect().top)))]`;

test('the navigation is one row at the smallest window and a column when wide, and the size is remembered', async () => {
  let s = await Session.start();
  try {
    await s.cmd('POST', '/window/rect', { width: 800, height: 600 });
    await waitFor(async () => (await s.run('return window.innerWidth')) <= 800, 'the window to shrink');
    const rows = await s.run(ROWS);
    assert.equal(rows.length, 1, `nav rows at 800 px: ${rows}`);
    // Nothing of the frame is cut off: the last button ends inside the window.
    assert.ok(await s.run("return document.querySelector('#craving-now').getBoundingClientRect().right <= window.innerWidth"));
    await s.screenshot('window-smallest');
    // Chart text is 14 px in an 800 px wide SVG (charts::TEXT_PX and WIDTH in the core),
    // drawn across its card: at the smallest window it is still at least 12 px on screen.
    await s.click('[data-testid="nav-trends"]');
    await s.el('[data-testid="chart-craving"]');
    const chartWidth = await s.run(`const c = document.querySelector('[data-testid="chart-craving"]');
      const st = getComputedStyle(c);
      return c.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight)`);
    assert.ok((chartWidth * 14) / 800 >= 12, `charts are ${chartWidth} px wide: text ${((chartWidth * 14) / 800).toFixed(1)} px`);

    await s.cmd('POST', '/window/rect', { width: 1280, height: 860 });
    await waitFor(async () => (await s.run('return window.innerWidth')) >= 1100, 'the window to grow');
    const column = await s.run(`return [...document.querySelectorAll('header nav button')].map((b) => Math.round(b.getBoundingClientRect().left))`);
    assert.equal(new Set(column).size, 1, `one column: ${column}`);
    assert.ok((await s.run(ROWS)).length >= 8, 'one button under the other');
    await s.screenshot('window-wide');
    // Written a moment after the window stops changing.
    await waitFor(() => existsSync(join(DATA_DIR, 'window-state')), 'the window state to be kept');
    await sleep(600);
    const kept = JSON.parse(readFileSync(join(DATA_DIR, 'window-state'), 'utf8'));
    assert.deepEqual([Math.round(kept.width), Math.round(kept.height), kept.maximized], [1280, 860, false]);
  } finally {
    await s.quit().catch(() => {});
  }

  s = await Session.start();
  try {
    const rect = await s.cmd('GET', '/window/rect');
    assert.equal(await s.run('return window.innerWidth'), 1280, JSON.stringify(rect));
  } finally {
    await s.quit().catch(() => {});
  }
});
