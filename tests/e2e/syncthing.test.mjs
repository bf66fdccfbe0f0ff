// End to end with real peers (issue 30): two apps running at once, each with its own data
// folder and session bus ("Home laptop" and "Work laptop"), and two Syncthing daemons (Debian's
// `syncthing`, on loopback ports with discovery, relays and NAT traversal off) keeping the two
// apps' shared folders in step. Entries made in one window appear in the other; a check-in
// edited in both while the daemons are paused ends with the later edit in both and the other
// listed in History; a conflict copy Syncthing itself makes of the vault's description is left
// alone, with no alarm and nothing lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session, wipeData, waitFor } from './webdriver.mjs';
import { checkIn, editMood, historyHas } from './sync-steps.mjs';

const HOME_NOTE = 'Home laptop, the first evening.';
const WORK_NOTE = 'Work laptop, a calmer afternoon.';
const KEY = 'companion-e2e';
const DIARY = 'Recovery Companion diary';
/** The daemons' configuration, shared with crates/companion-core/tests/syncthing.rs. */
const CONFIG = new URL('../syncthing/config.xml', import.meta.url).pathname;

/** A free loopback port. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** One Syncthing daemon and the folder it keeps. */
class Peer {
  constructor(root, name) {
    this.home = join(root, `${name}-home`);
    this.folder = join(root, `${name}-folder`);
    mkdirSync(join(this.folder, '.stfolder'), { recursive: true });
    const run = spawnSync('syncthing', ['generate', '--no-default-folder', `--home=${this.home}`], { encoding: 'utf8' });
    const out = `${run.stdout}${run.stderr}`;
    const id = /Device ID: (\S+)/.exec(out);
    if (!id) throw new Error(`no device id in: ${out}`);
    this.id = id[1];
  }

  async ports() {
    this.api = await freePort();
    this.listen = await freePort();
  }

  /** Writes the configuration (loopback only; the other daemon at its port) and starts. */
  async start(other) {
    const values = { folder: this.folder, me: this.id, them: other.id, port: other.listen, api: this.api, listen: this.listen, key: KEY };
    const config = readFileSync(CONFIG, 'utf8').replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
    writeFileSync(join(this.home, 'config.xml'), config);
    this.child = spawn('syncthing', ['serve', '--no-browser', '--no-restart', `--home=${this.home}`, `--logfile=${join(this.home, 'log')}`], {
      env: { ...process.env, STNOUPGRADE: '1' },
      stdio: 'ignore',
    });
    await waitFor(() => this.post('/rest/system/ping'), 'the Syncthing REST API', 60_000, 200);
  }

  /** A POST to the REST API: true when it answered 200. */
  async post(path) {
    const res = await fetch(`http://127.0.0.1:${this.api}${path}`, { method: 'POST', headers: { 'X-API-Key': KEY }, signal: AbortSignal.timeout(5000) });
    return res.ok;
  }

  stop() {
    this.child?.kill('SIGKILL');
  }
}

/** Every file under `dir`, as paths relative to it. */
function files(dir, prefix = '') {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]);
}

let root;
let home;
let work;

before(async () => {
  wipeData();
  rmSync(join(process.env.SECOND_DATA_HOME, 'org.kratomrecovery.companion'), { recursive: true, force: true });
  root = mkdtempSync(join(tmpdir(), 'syncthing-e2e-'));
  home = new Peer(root, 'home');
  work = new Peer(root, 'work');
  await home.ports();
  await work.ports();
  await home.start(work);
  await work.start(home);
});

after(() => {
  home?.stop();
  work?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

test('two running apps keep one diary through two Syncthing daemons, edits made apart and a conflict copy included', async () => {
  const a = await Session.start();
  const b = await Session.start(process.env.SECOND_WEBDRIVER_URL);
  try {
    // The home laptop starts the shared diary in the folder its daemon keeps.
    await checkIn(a, HOME_NOTE);
    await a.click('[data-testid="nav-data"]');
    await a.type('[data-testid="sync-name"]', 'Home laptop');
    writeFileSync(process.env.RECOVERY_COMPANION_E2E_OPEN_FROM, home.folder);
    await a.click('[data-testid="sync-start"]');
    const code = (await a.text('[data-testid="recovery-code"]')).trim();
    await waitFor(() => existsSync(join(work.folder, DIARY, 'vault.json')), 'Syncthing carrying the vault to the work laptop', 60_000, 250);

    // The work laptop, running at the same time, joins in its own copy of the folder.
    await b.click('[data-testid="nav-data"]');
    await b.type('[data-testid="sync-name"]', 'Work laptop');
    await b.type('[data-testid="sync-code"]', code);
    writeFileSync(process.env.SECOND_OPEN_FROM, work.folder);
    await b.click('[data-testid="sync-join"]');
    await waitFor(async () => {
      if (await b.exists('[data-testid="sync-problem"]')) throw new Error(await b.text('[data-testid="sync-problem"]'));
      return /This computer is Work laptop/.test(await b.text('[data-testid="keep-in-step"]'));
    }, 'the work laptop joined', 30_000, 250);
    await historyHas(b, HOME_NOTE, 60_000);

    // What the work laptop writes appears in the home laptop's window.
    await checkIn(b, WORK_NOTE);
    await historyHas(a, WORK_NOTE, 60_000);

    // Apart: the daemons paused, both edit the home laptop's check-in, the work laptop later.
    for (const p of [home, work]) assert.ok(await p.post('/rest/system/pause'), 'pause');
    const before = { home: files(join(home.folder, DIARY)), work: files(join(work.folder, DIARY)) };
    await editMood(a, HOME_NOTE, 2);
    await waitFor(() => files(join(home.folder, DIARY)).find((f) => !before.home.includes(f) && !f.includes('/.')), "the home laptop's edit in its folder", 20_000, 250);
    await editMood(b, HOME_NOTE, 9);
    await waitFor(() => files(join(work.folder, DIARY)).some((f) => !before.work.includes(f) && !f.includes('/.')), "the work laptop's edit in its folder", 20_000, 250);
    // The vault's description rewritten on both sides while apart (as an editor or a backup
    // tool might, with the same meaning): Syncthing keeps one and makes a conflict copy of the
    // other beside it, which the apps leave alone without an alarm.
    for (const [p, extra] of [[home, '\n'], [work, '\n\n']]) appendFileSync(join(p.folder, DIARY, 'vault.json'), extra);
    for (const p of [home, work]) assert.ok(await p.post('/rest/db/scan?folder=diary'), 'scan');
    for (const p of [home, work]) assert.ok(await p.post('/rest/system/resume'), 'resume');
    await waitFor(() => [home, work].some((p) => files(join(p.folder, DIARY)).some((f) => f.includes('.sync-conflict-'))), "Syncthing's conflict copy", 60_000, 250);

    // Both windows end with the later edit, the other listed in History, nothing lost.
    for (const s of [a, b]) {
      await s.click('[data-testid="nav-data"]');
      await s.click('[data-testid="nav-history"]');
      await waitFor(async () => {
        await s.click('[data-testid="nav-data"]');
        await s.click('[data-testid="nav-history"]');
        const main = await s.text('main');
        return main.includes('Mood 9 of 10') && (await s.exists('[data-testid="other-version"]'));
      }, 'the later edit shown and the other listed', 90_000, 500);
      const card = await s.text('[data-testid="other-versions"]');
      assert.match(card, /also edited on Home laptop/);
      const main = await s.text('main');
      assert.ok(main.includes(HOME_NOTE) && main.includes(WORK_NOTE), 'both entries on both');
    }
    // The conflict copy is left where Syncthing put it, and neither status line is alarmed.
    assert.ok([home, work].some((p) => files(join(p.folder, DIARY)).some((f) => f.includes('.sync-conflict-'))));
    for (const s of [a, b]) {
      await s.click('[data-testid="nav-data"]');
      await waitFor(async () => /^Up to date at \d\d:\d\d\. Kept in step with 1 other computer/.test(await s.text('[data-testid="sync-status"]')), 'a calm status line', 30_000, 500);
    }
  } finally {
    await a.quit();
    await b.quit();
  }
});
