// Benchmark, not a test: how long the trends screen takes to redraw "All" over ten years in
// the real window, measured in the page from the click until every chart image is decoded
// and two frames are painted. Run it with `scripts/bench-trends.sh`, which builds the app and
// the made-up data and starts this inside the end-to-end harness (Xvfb, WebKitWebDriver).
import { execFileSync } from 'node:child_process';
import { DATA_DIR, Session, waitFor, wipeData } from '../tests/e2e/webdriver.mjs';

const LAUNCHES = Number(process.env.LAUNCHES ?? 5);
const SWITCHES = Number(process.env.SWITCHES ?? 5);

// In the page: note the charts shown now, choose the range, and resolve once every chart
// image has changed, is decoded, and two frames have been painted after it.
const MEASURE = `
  const range = arguments[0];
  const imgs = () => [...document.querySelectorAll('.chart img')];
  const before = new Map(imgs().map((i) => [i.closest('[data-testid]').dataset.testid, i.src]));
  window.__bench = null;
  const t0 = performance.now();
  document.querySelector('input[name="range"][value="' + range + '"]').click();
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  (async () => {
    for (;;) {
      await frame();
      const now = imgs();
      if (now.length === before.size &&
          now.every((i) => before.get(i.closest('[data-testid]').dataset.testid) !== i.src)) {
        await Promise.all(now.map((i) => i.decode()));
        await frame();
        await frame();
        const bytes = now.reduce((n, i) => n + i.src.length, 0);
        window.__bench = { ms: performance.now() - t0, bytes };
        return;
      }
    }
  })();
`;

async function measure(s, range) {
  await s.run(MEASURE, range);
  return waitFor(() => s.run('return window.__bench'), `the ${range} charts`, 30_000);
}

const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

wipeData();
const filled = execFileSync(process.env.DEMO_DATA_BIN, [DATA_DIR, '10'], { encoding: 'utf8' });
console.log(filled.trim());

const first = [];
const later = [];
let bytes = 0;
for (let n = 0; n < LAUNCHES; n++) {
  const s = await Session.start();
  try {
    await s.click('[data-testid="nav-trends"]');
    await waitFor(() => s.exists('[data-testid="chart-craving"] img'), 'the 30-day charts', 30_000);
    const r = await measure(s, 'all');
    first.push(r.ms);
    bytes = r.bytes;
    for (let i = 0; i < SWITCHES; i++) {
      await measure(s, 'month');
      later.push((await measure(s, 'all')).ms);
    }
  } finally {
    await s.quit();
  }
}
const f = (x) => `${x.toFixed(0)} ms`;
console.log(`"All" over ten years, chart images ${(bytes / 1024).toFixed(0)} KB as data URLs`);
console.log(`first click after launch: median ${f(median(first))} (${first.map(f).join(', ')})`);
console.log(`later clicks: median ${f(median(later))}, slowest ${f(Math.max(...later))} of ${later.length}`);
