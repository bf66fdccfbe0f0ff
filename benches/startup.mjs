// Benchmark, not a test: start-up and memory of the app against a bare Tauri 2 window that
// shows one chart (benches/bare-window), in pairs, alternating which starts first. Run it with
// `scripts/bench-startup.sh`, which builds both and starts this inside the end-to-end harness.
//
// Start: from the process's start (/proc/PID/stat, in the kernel's 10 ms ticks since boot) to
// the page's "first-screen" mark (User Timing: the app sets it once its check-in form is
// painted, the bare window once its chart is decoded and painted), both turned into the same
// clock. Memory: PSS of the process and every process under it (WebKit's web and network
// processes), 3 s after that.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { DATA_DIR, Session, sleep, waitFor, wipeData } from '../tests/e2e/webdriver.mjs';

const PAIRS = Number(process.env.PAIRS ?? 7);
const TICK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
const apps = { bare: process.env.BARE_BIN, app: process.env.APP_BINARY };
const uptimeMs = () => Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 1000;
const stat = (pid) => {
  const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(f[1]), start: Number(f[19]) };
};
function newest(bin) {
  const out = execFileSync('pgrep', ['-n', '-f', `^${bin}`], { encoding: 'utf8' }).trim();
  return Number(out);
}
function tree(root) {
  const all = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  const kids = new Map();
  for (const pid of all) {
    try {
      const { ppid } = stat(pid);
      kids.set(ppid, [...(kids.get(ppid) ?? []), pid]);
    } catch {}
  }
  const out = [];
  const walk = (p) => { out.push(p); for (const k of kids.get(p) ?? []) walk(k); };
  walk(root);
  return out;
}
/** PSS in kB of each process, by its name. */
function pssKb(pids) {
  const by = {};
  for (const p of pids) {
    try {
      const m = readFileSync(`/proc/${p}/smaps_rollup`, 'utf8').match(/^Pss:\s+(\d+) kB/m);
      const name = readFileSync(`/proc/${p}/comm`, 'utf8').trim();
      if (m) by[name] = (by[name] ?? 0) + Number(m[1]);
    } catch {}
  }
  return by;
}
const total = (by) => Object.values(by).reduce((a, b) => a + b, 0);

async function once(which) {
  const bin = apps[which];
  const s = await Session.launch(bin);
  try {
    const pid = newest(bin);
    // Wall-clock time at the process's start: now, less how long ago (since boot) it began.
    const startedAt = Date.now() - (uptimeMs() - (stat(pid).start / TICK) * 1000);
    const page = await waitFor(() => s.run(`
      const m = performance.getEntriesByName('first-screen')[0];
      if (!m) return null;
      const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
      const nav = performance.getEntriesByType('navigation')[0];
      const marks = {};
      for (const e of performance.getEntriesByType('mark')) marks[e.name] ??= Math.round(e.startTime);
      return { origin: performance.timeOrigin, ready: m.startTime, fcp: fcp ? fcp.startTime : null,
               dcl: nav ? nav.domContentLoadedEventEnd : null, marks };`), `${which}'s first screen`, 30_000, 20);
    const ms = page.origin + page.ready - startedAt;
    await sleep(3000);
    const pids = tree(pid);
    const by = pssKb(pids);
    return { ms, toPage: page.origin - startedAt, pss: total(by) / 1024, by, procs: pids.length, page };
  } finally {
    await s.quit().catch(() => {});
    await sleep(500);
  }
}

const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

// A returning person's diary: a year of made-up entries.
wipeData();
console.log(execFileSync(process.env.DEMO_DATA_BIN, [DATA_DIR, '1'], { encoding: 'utf8' }).trim());
await once('app'); // a first start warms the disk cache for both
await once('bare');

const rows = [];
for (let i = 0; i < PAIRS; i++) {
  const order = i % 2 ? ['app', 'bare'] : ['bare', 'app'];
  const r = {};
  for (const w of order) r[w] = await once(w);
  rows.push(r);
  const marks = (x) => Object.entries(x.page.marks).filter(([k]) => k !== 'first-screen').map(([k, v]) => `${k} +${v}`).join(', ');
  const parts = (x) => `${x.ms.toFixed(0)} ms (page from ${x.toPage.toFixed(0)} ms, DOM ready +${x.page.dcl?.toFixed(0) ?? '?'}, first paint +${x.page.fcp?.toFixed(0) ?? '?'}, first screen +${x.page.ready.toFixed(0)}${marks(x) ? `; ${marks(x)}` : ''}), ${x.pss.toFixed(1)} MB in ${x.procs} processes`;
  console.log(`pair ${i + 1}: bare ${parts(r.bare)}; app ${parts(r.app)}`);
}
const m = (k, w) => median(rows.map((r) => r[w][k]));
console.log(`process start to page: bare ${m('toPage', 'bare').toFixed(0)} ms, app ${m('toPage', 'app').toFixed(0)} ms`);
console.log(`start to first usable screen: bare ${m('ms', 'bare').toFixed(0)} ms, app ${m('ms', 'app').toFixed(0)} ms; ` +
  `median of paired ratios ${median(rows.map((r) => r.app.ms / r.bare.ms)).toFixed(2)}x, ` +
  // A start that stalls before its page (either binary, now and then) swings a pair's ratio;
  // the ratio of the medians and the page's own time do not move with it.
  `ratio of the medians ${(m('ms', 'app') / m('ms', 'bare')).toFixed(2)}x; ` +
  `page to first screen: bare +${median(rows.map((r) => r.bare.page.ready)).toFixed(0)} ms, ` +
  `app +${median(rows.map((r) => r.app.page.ready)).toFixed(0)} ms`);
const last = rows.at(-1);
const mb = (by) => Object.entries(by).map(([k, v]) => `${k} ${(v / 1024).toFixed(1)}`).join(', ');
console.log(`PSS by process (MB), last pair: bare: ${mb(last.bare.by)}; app: ${mb(last.app.by)}`);
console.log(`memory (PSS, app and WebKit processes): bare ${m('pss', 'bare').toFixed(1)} MB, app ${m('pss', 'app').toFixed(1)} MB; ` +
  `median of paired differences +${median(rows.map((r) => r.app.pss - r.bare.pss)).toFixed(1)} MB`);
