import './app.css';
import { api } from './lib/api';
import { waitBriefly } from './lib/first';

// User Timing marks for the start-up benchmark (benches/startup.mjs); they stay in the page.
performance.mark('script');
// WebKitGTK (Linux and the BSDs) finds no font called system-ui: app.css then asks for
// fontconfig's sans-serif alone, the desktop's font, before anything is laid out.
if (/Linux|X11|BSD/.test(navigator.userAgent)) document.documentElement.classList.add('fontconfig');
// The window is created hidden and shown once this page has loaded (window_state.rs): the
// moment it appears, for the benchmark and the window test.
if (document.visibilityState === 'hidden') {
  document.addEventListener('visibilitychange', () => performance.mark('shown'), { once: true });
}
const target = document.getElementById('app');
if (!target) throw new Error('The page is missing its #app element.');

// The first screen is made from the diary's status, so it is asked for before anything is
// drawn and the app is mounted once it is back, with it: the window then lays out and paints
// once, whole, instead of the bare frame first and the form a frame later (about 40 ms
// sooner, BENCHMARKS.md). A diary slow to open does not keep the window blank: after
// FIRST_WAIT_MS the frame, with Get help, is drawn anyway and the status fills it in later.
// This script is small and asks first; the app's own script (start.ts) loads and compiles
// while the question is on its way.
const FIRST_WAIT_MS = 250;
performance.mark('status-asked');
const [{ asked, answer }, { start }] = await Promise.all([
  waitBriefly(() => {
    const status = api.appStatus();
    status.then(() => performance.mark('status-back'), () => {});
    return status;
  }, FIRST_WAIT_MS),
  import('./start').then((m) => (performance.mark('start-loaded'), m)),
]);
const app = start(target, asked, answer);
performance.mark('mounted');
export default app;
