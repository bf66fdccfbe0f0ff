// End to end: the window fits. At the smallest size the navigation is one row; from 1100 px it
// is a column on the left. The window's size is remembered across a relaunch, in a file in
// the data folder. The window appears once its page has loaded, and not at all when the app
// starts in the tray. The page's scripts run without JavaScriptCore's JIT compilers.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP, DATA_DIR, Session, sleep, wipeData, waitFor } from './webdriver.mjs';

before(() => wipeData());

/** The distinct tops of the navigation's buttons and of "Craving now", in CSS pixels. */
const ROWS = `return [...new Set([...document.querySelectorAll('header nav button, #craving-now')]
  .map((b) => Math.round(b.getBoundingClientRect().top)))]`;

test('the navigation is one row at the smallest window and a column when wide, and the size is remembered', async () => {
  let s = await Session.start();
  try {
    // Under WebKitGTK the page asks fontconfig for its sans-serif alone (main.ts, app.css).
    assert.equal(await s.run('return getComputedStyle(document.documentElement).fontFamily'), 'sans-serif');
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

/** Presses Ctrl with `key`, as a person zooming would. */
async function ctrl(s, key) {
  await s.cmd('POST', '/actions', {
    actions: [{ type: 'key', id: 'keyboard', actions: [
      { type: 'keyDown', value: '\uE009' }, { type: 'keyDown', value: key },
      { type: 'keyUp', value: key }, { type: 'keyUp', value: '\uE009' },
    ] }],
  });
  await s.cmd('DELETE', '/actions');
}

/** Opens a screen from the navigation. WebKitWebDriver's clicks land off target on a zoomed
 *  page, so the button is clicked from inside the page; then it must be the current screen. */
async function go(s, screen) {
  await s.run(`document.querySelector('[data-testid="nav-${screen}"]').click()`);
  await waitFor(async () => (await s.attr(`[data-testid="nav-${screen}"]`, 'aria-current')) === 'page', `${screen} to open`);
}

/** Whatever of the page is wider than the window (0 when nothing scrolls sideways). */
const OVERFLOW = 'return document.documentElement.scrollWidth - window.innerWidth';

test('at 200 % zoom in the smallest window everything reflows and stays in reach', async () => {
  const s = await Session.start();
  try {
    await s.cmd('POST', '/window/rect', { width: 800, height: 600 });
    await waitFor(async () => (await s.run('return window.innerWidth')) <= 800, 'the window to shrink');
    // Ctrl+= five times: 20 % a step, from 100 % to 200 % (Tauri's zoom keys).
    for (let i = 0; i < 5; i++) await ctrl(s, '=');
    await waitFor(async () => (await s.run('return window.innerWidth')) <= 410, 'the page to zoom to 200 %');
    await s.screenshot('window-zoom-200-today');

    for (const screen of ['today', 'plan', 'tools', 'history', 'trends', 'reminders', 'data', 'help']) {
      await go(s, screen);
      await sleep(300);
      assert.ok((await s.run(OVERFLOW)) <= 1, `${screen}: the page scrolls sideways at 200 %`);
      // Every way round the app is inside the window's width.
      const outside = await s.run(`return [...document.querySelectorAll('header nav button, #craving-now')]
        .filter((b) => b.getBoundingClientRect().right > window.innerWidth + 1).map((b) => b.textContent.trim())`);
      assert.deepEqual(outside, [], `${screen}: cut off at 200 %`);
    }
    // The header wraps, so it scrolls away with the page instead of covering it.
    await go(s, 'trends');
    await s.el('[data-testid="chart-craving"]');
    await s.run('window.scrollTo(0, document.body.scrollHeight)');
    await sleep(200);
    const headerBottom = await s.run(`return document.querySelector('header.top').getBoundingClientRect().bottom`);
    assert.ok(headerBottom <= 0, `the header still covers ${headerBottom} px of a scrolled page`);
    // Help is still one click away: the crisis lines show.
    await go(s, 'help');
    await s.el('[data-testid="crisis-lines"]');
    await s.run('window.scrollTo(0, 0)');
    await s.screenshot('window-zoom-200-help');
    await ctrl(s, '0');
    await waitFor(async () => (await s.run('return window.innerWidth')) >= 780, 'the zoom to reset');
  } finally {
    await s.quit().catch(() => {});
  }
});

test('the window appears once its page has loaded, and a start in the tray stays hidden', async () => {
  let s = await Session.start();
  try {
    // Created hidden and shown by the app after the load: the page saw it appear.
    await waitFor(() => s.run("return document.visibilityState === 'visible' && performance.getEntriesByName('shown').length > 0"),
      'the window to appear');
  } finally {
    await s.quit().catch(() => {});
  }

  // A start at login (autostart passes --hidden) opens in the tray only.
  s = await Session.launch(APP, undefined, ['--hidden']);
  try {
    await waitFor(() => s.exists('main'), 'the page to render');
    // Longer than the app waits before showing a window whose page has not loaded
    // (SHOW_ANYWAY_AFTER in window_state.rs).
    await sleep(2000);
    assert.equal(await s.run('return document.visibilityState'), 'hidden');
  } finally {
    await s.quit().catch(() => {});
  }
});

test("the page's scripts run in JavaScriptCore's interpreter, without its JIT compilers", async () => {
  const s = await Session.start();
  try {
    const pgrep = (...args) => execFileSync('pgrep', args, { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    const [app] = pgrep('-n', '-x', 'recovery-compan');
    // WebKitGTK starts the web process with the app's environment, where JavaScriptCore reads
    // its options (lib.rs, interpreted_scripts).
    const web = pgrep('-P', app).filter((p) => readFileSync(`/proc/${p}/comm`, 'utf8').startsWith('WebKitWebProces'));
    assert.equal(web.length, 1, `the app's web processes: ${web}`);
    const env = readFileSync(`/proc/${web[0]}/environ`, 'utf8').split('\0');
    assert.ok(env.includes('JSC_useJIT=false'), `the web process's JSC options: ${env.filter((e) => e.startsWith('JSC_'))}`);
  } finally {
    await s.quit().catch(() => {});
  }
});
