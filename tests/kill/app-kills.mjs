// Kills the real app at random moments while it saves cravings, makes backups and turns
// encryption on, changes the passphrase and turns it off, then starts it again and answers as
// a person would: no passphrase for a plain diary, else the one last seen accepted, and the
// newer one only if the app says it was replaced. Every command goes through the app's own
// IPC in its own web view, started by WebKitWebDriver (run inside tests/e2e/run.sh's harness).
//
// Prints its figures and fails (exit 1) on any broken promise: an acknowledged entry lost, a
// healthy diary called damaged, the right passphrase refused after another, a backup that
// neither opens with the passphrase in force nor says it needs an earlier one, or anything of
// a conversion, a backup or a restore left in the data folder.
// KILL_RESTARTS sets the number of restarts (100 by default); KILL_SEED the random seed.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { APP, DATA_DIR, Session, sleep, waitFor, wipeData } from '../e2e/webdriver.mjs';

const RESTARTS = Number(process.env.KILL_RESTARTS ?? 100);
let seed = Number(process.env.KILL_SEED ?? Date.now() % 1_000_000);
const firstSeed = seed;
// A small, seeded generator, so a failing run can be repeated with its seed.
function random() {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
}

const figures = {
  restarts: 0,
  acknowledged: 0,
  lost: 0,
  killedDuring: { craving: 0, backup: 0, on: 0, change: 0, off: 0, idle: 0 },
  verdicts: { plain: 0, opened: 0, replaced: 0, wrongThenRight: 0, damaged: 0, other: 0 },
  backupsChecked: 0,
  backupsNeedingEarlier: 0,
  leftovers: 0,
};
const problems = [];
const problem = (text) => {
  problems.push(text);
  console.error(`PROBLEM: ${text}`);
};

/** Calls an app command through the page's own IPC; `{ ok }` or `{ err }`. */
async function invoke(s, cmd, args = {}) {
  return s.cmd(
    'POST',
    '/execute/async',
    {
      script: `const done = arguments[arguments.length - 1];
        window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
          .then((v) => done({ ok: v ?? null }), (e) => done({ err: e }));`,
      args: [cmd, args],
    },
    60_000,
  );
}

function appPid() {
  const out = execFileSync('pgrep', ['-n', '-f', `^${APP}`], { encoding: 'utf8' }).trim();
  return Number(out.split('\n').pop());
}

const LEFTOVER = ['.conversion', '.converting', '.before-conversion', '.partial', '.restoring'];
/** What a killed run left; the running app's own file being written now (its pid in the
 *  name, as `.window-state.<pid>.<time>.partial`) is not a leftover. */
function leftovers(pid) {
  const names = [];
  for (const dir of [DATA_DIR, join(DATA_DIR, 'backups')]) {
    try {
      names.push(...readdirSync(dir));
    } catch {
      // No backups yet.
    }
  }
  return names.filter((n) => LEFTOVER.some((l) => n.includes(l)) && !n.includes(`.${pid}.`));
}

// What the test has seen acknowledged: the passphrase in force (null: plain), the one being
// set when the app was killed (undefined: none), and every craving saved.
let accepted = null;
let pending;
const saved = new Set();
let made = 0;

async function start() {
  const s = await Session.launch(APP);
  await waitFor(() => s.run('return !!window.__TAURI_INTERNALS__'), 'the page', 30_000);
  return s;
}

/** Opens the diary as a person would; returns whether it opened. */
async function openAsAPerson(s, round) {
  const status = await waitFor(async () => {
    const r = await invoke(s, 'app_status');
    return r;
  }, 'the status');
  if (status.ok) {
    figures.verdicts.plain++;
    // Plain, while a passphrase was in force and it was not being turned off: broken.
    if (accepted !== null && pending !== null) problem(`round ${round}: the diary opened without its passphrase`);
    accepted = null;
    return true;
  }
  if (status.err?.kind !== 'locked') {
    figures.verdicts[status.err?.kind === 'damaged' ? 'damaged' : 'other']++;
    problem(`round ${round}: at start: ${JSON.stringify(status.err)}`);
    return false;
  }
  // Now and then a slip of the keyboard first: the right passphrase must still open it.
  if (random() < 0.15) {
    const wrong = await invoke(s, 'unlock', { passphrase: 'not the passphrase at all' });
    if (wrong.ok !== undefined || wrong.err?.field !== 'passphrase') {
      problem(`round ${round}: a wrong passphrase got ${JSON.stringify(wrong)}`);
    }
    figures.verdicts.wrongThenRight++;
  }
  const first = accepted ?? pending;
  let r = await invoke(s, 'unlock', { passphrase: first });
  if (r.err && r.err.field === 'passphrase' && /replaced by a newer one/.test(r.err.message) && pending) {
    figures.verdicts.replaced++;
    r = await invoke(s, 'unlock', { passphrase: pending });
    if (r.ok !== undefined) accepted = pending;
  } else if (r.ok !== undefined) {
    figures.verdicts.opened++;
    accepted = first;
  }
  if (r.ok === undefined) {
    figures.verdicts[r.err?.kind === 'damaged' ? 'damaged' : 'other']++;
    problem(`round ${round}: ${first === accepted ? 'the passphrase last accepted' : 'the newer passphrase'} got ${JSON.stringify(r.err)}`);
    return false;
  }
  // The damaged-file screen must never have been reached by a whole diary.
  const again = await invoke(s, 'app_status');
  if (!again.ok) {
    problem(`round ${round}: unlocked, but ${JSON.stringify(again.err)}`);
    return false;
  }
  return true;
}

async function check(s, round) {
  const page = await invoke(s, 'history', { before: null, days: 3 });
  if (!page.ok) return problem(`round ${round}: history: ${JSON.stringify(page.err)}`);
  const held = new Set(
    page.ok.days.flatMap((d) => d.entries).filter((e) => e.type === 'craving').map((e) => e.context),
  );
  const lost = [...saved].filter((c) => !held.has(c));
  figures.lost += lost.length;
  if (lost.length) problem(`round ${round}: ${lost.length} acknowledged cravings missing, e.g. ${lost[0]}`);
  // Cravings saved but not acknowledged before the kill may be there too: they count now.
  for (const c of held) if (c.startsWith('kill-test ')) saved.add(c);
  const backups = await invoke(s, 'backups');
  if (!backups.ok) return problem(`round ${round}: backups: ${JSON.stringify(backups.err)}`);
  for (const b of backups.ok) {
    figures.backupsChecked++;
    if (b.earlierPassphrase) figures.backupsNeedingEarlier++;
    if (!b.counts && !b.earlierPassphrase) problem(`round ${round}: backup ${b.name} neither opens nor says what it needs`);
  }
  const left = leftovers(appPid());
  figures.leftovers += left.length;
  if (left.length) problem(`round ${round}: left in the data folder: ${left.join(', ')}`);
}

/** Random use until `killAt` (ms from now), when the app is killed mid-whatever. */
async function useUntilKilled(s, round, killAt) {
  const pid = appPid();
  let doing = 'idle';
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    figures.killedDuring[doing]++;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, killAt);
  try {
    for (let step = 0; !killed; step++) {
      const roll = random();
      if (roll < 0.6) {
        const context = `kill-test ${round}.${step}`;
        doing = 'craving';
        const r = await invoke(s, 'save_craving', { id: null, input: { at: null, intensity: 3, context } });
        if (r.ok) {
          saved.add(context);
          figures.acknowledged++;
        } else if (!killed) problem(`round ${round}: save: ${JSON.stringify(r.err)}`);
      } else if (roll < 0.75) {
        doing = 'backup';
        const r = await invoke(s, 'back_up_now');
        if (r.ok) made++;
        else if (!killed) problem(`round ${round}: backup: ${JSON.stringify(r.err)}`);
      } else {
        const next = accepted === null || random() < 0.7 ? `pass ${round}.${step} ${Math.floor(random() * 1e6)}` : null;
        doing = accepted === null ? 'on' : next ? 'change' : 'off';
        pending = next;
        const r = await invoke(s, 'set_encryption', { input: { current: accepted, new: next, again: next } });
        if (r.ok) {
          accepted = next;
          pending = undefined;
        } else if (!killed) problem(`round ${round}: ${doing}: ${JSON.stringify(r.err)}`);
      }
      doing = 'idle';
    }
  } catch {
    // The page went with the app.
  }
  clearTimeout(timer);
  if (!killed) process.kill(pid, 'SIGKILL');
  await s.quit().catch(() => {});
}

wipeData();
const began = Date.now();
for (let round = 1; round <= RESTARTS; round++) {
  const s = await start();
  figures.restarts++;
  const opened = await openAsAPerson(s, round);
  if (opened) {
    pending = undefined;
    await check(s, round);
    await useUntilKilled(s, round, 50 + random() * 2000);
  } else {
    await s.quit().catch(() => {});
    break;
  }
  await sleep(50);
}
const seconds = ((Date.now() - began) / 1000).toFixed(0);
console.log(
  JSON.stringify({ seed: firstSeed, seconds: Number(seconds), backupsMade: made, ...figures, problems: problems.length }, null, 1),
);
process.exit(problems.length ? 1 : 0);
