// A small W3C WebDriver client over Node's fetch, enough to drive the app through WebKitWebDriver.
// No dependencies: the protocol is plain JSON over HTTP.
import { execFileSync } from 'node:child_process';
import { rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DRIVER = process.env.WEBDRIVER_URL ?? 'http://127.0.0.1:4444';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export const APP = process.env.APP_BINARY;
export const DATA_HOME = process.env.XDG_DATA_HOME;
export const DATA_DIR = DATA_HOME && join(DATA_HOME, 'org.kratomrecovery.companion');
export const DB = DATA_DIR && join(DATA_DIR, 'companion.sqlite3');
export const ARTIFACTS = new URL('./.artifacts/', import.meta.url).pathname;

async function wd(method, path, body, ms = 60_000, driver = DRIVER) {
  if (process.env.E2E_TRACE) console.error(new Date().toISOString(), method, path, JSON.stringify(body ?? '').slice(0, 120));
  const res = await fetch(`${driver}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    // A driver that stops answering fails the test instead of hanging the suite.
    signal: AbortSignal.timeout(ms),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const v = json.value ?? {};
    throw new Error(`WebDriver ${method} ${path}: ${v.error ?? res.status} ${v.message ?? ''}`);
  }
  return json.value;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` every `every` ms until it returns a truthy value (or stops throwing), up to `ms`. */
export async function waitFor(fn, what, ms = 10_000, every = 100) {
  const until = Date.now() + ms;
  let last;
  while (Date.now() < until) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await sleep(every);
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

/** Removes the app's data folder: only while no app runs. */
export function wipeData() {
  if (!DATA_DIR) throw new Error('XDG_DATA_HOME must point at a throwaway folder for the tests.');
  rmSync(DATA_DIR, { recursive: true, force: true });
}

/** Runs SQL against the app's real data file, read-only, and returns the rows as text. */
export function sql(query) {
  return execFileSync('sqlite3', ['-readonly', DB, query], { encoding: 'utf8' }).trim();
}

export class Session {
  /** Starts the app through the WebDriver at `driver` (the default one unless given). */
  static async start(driver = DRIVER) {
    const s = await Session.launch(APP, driver);
    await waitFor(() => s.exists('main'), 'the app window to render');
    return s;
  }

  /** Starts `app` (with `args`) and returns at once, without waiting for its page (the
   * benchmarks time it). */
  static async launch(app, driver = DRIVER, args = []) {
    if (!app) throw new Error('APP_BINARY must name the app binary.');
    // WebKitGTK's own driver starts the app as its "browser" (what tauri-driver does on Linux).
    const value = await wd('POST', '/session', {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { binary: app, args } } },
    }, 60_000, driver);
    return new Session(value.sessionId, driver);
  }

  constructor(id, driver = DRIVER) {
    this.id = id;
    this.driver = driver;
  }

  cmd(method, path, body, ms) {
    return wd(method, `/session/${this.id}${path}`, body, ms, this.driver);
  }

  async quit() {
    await this.cmd('DELETE', '');
  }

  async find(css) {
    const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return v[ELEMENT];
  }

  async findAll(css) {
    const v = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return v.map((e) => e[ELEMENT]);
  }

  async exists(css) {
    return (await this.findAll(css)).length > 0;
  }

  /** Waits for an element and returns it. */
  el(css, ms) {
    return waitFor(async () => (await this.findAll(css))[0], `element ${css}`, ms);
  }

  async click(css) {
    try {
      const el = await this.el(css);
      // WebKitWebDriver does not always scroll far enough by itself; a person would scroll.
      // (Passing an element reference into a script can crash WebKitWebDriver: use the selector.)
      await this.run("document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })", css);
      await this.cmd('POST', `/element/${el}/click`, {});
    } catch (e) {
      const shot = await this.screenshot(`failed-click-${Date.now()}`).catch(() => '');
      throw new Error(`clicking ${css}: ${e.message} (screenshot: ${shot})`);
    }
  }

  async clear(css) {
    await this.cmd('POST', `/element/${await this.el(css)}/clear`, {});
  }

  /** Types into an element, as a person would, key by key. */
  async type(css, text) {
    await this.cmd('POST', `/element/${await this.el(css)}/value`, { text });
  }

  async fill(css, text) {
    await this.clear(css);
    if (text !== '') await this.type(css, text);
  }

  async text(css) {
    return this.cmd('GET', `/element/${await this.el(css)}/text`);
  }

  async attr(css, name) {
    return this.cmd('GET', `/element/${await this.el(css)}/attribute/${name}`);
  }

  /** Sets a control's value the way the browser does after typing or choosing, for controls
   *  (a date picker) or sizes (a 1 MB paste) that key-by-key typing cannot reach. */
  async setValue(css, value) {
    await this.run(
      `const el = document.querySelector(arguments[0]);
       el.value = arguments[1];
       el.dispatchEvent(new Event('input', { bubbles: true }));`,
      css,
      value,
    );
  }

  /** Chooses the crisis lines' region on Get help (which must be open) and waits for its lines. */
  async chooseRegion(region) {
    await this.el('#help-region');
    await this.run(
      `const el = document.querySelector('#help-region');
       el.value = arguments[0];
       el.dispatchEvent(new Event('change', { bubbles: true }));`,
      region,
    );
    await waitFor(async () => (await this.attr('[data-testid="crisis-lines"]', 'data-region')) === region, `the ${region} lines`);
  }

  /** Sends keys to whatever has focus, e.g. "\uE004" (Tab) or "\uE007" (Enter). */
  async keys(text) {
    await this.cmd('POST', '/actions', {
      actions: [
        {
          type: 'key',
          id: 'keyboard',
          actions: [...text].flatMap((k) => [
            { type: 'keyDown', value: k },
            { type: 'keyUp', value: k },
          ]),
        },
      ],
    });
    await this.cmd('DELETE', '/actions');
  }

  /** Presses Tab until `test(active element)` holds, as a keyboard user would, at most `max` times. */
  async tabUntil(test, what, max = 15) {
    for (let i = 0; i < max; i++) {
      await this.keys('\uE004');
      const a = await this.run(
        'const a = document.activeElement; return { id: a.id, name: a.name, value: a.value, tag: a.tagName };',
      );
      if (test(a)) return a;
    }
    throw new Error(`Tab never reached ${what}`);
  }

  run(script, ...args) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /**
   * Saves a picture of the window for people to look at, when E2E_SCREENSHOTS is set; never
   * fails a test. Off by default: WebKitWebDriver's screenshot sometimes never answers, and
   * then no later session can start.
   */
  async screenshot(name) {
    if (!process.env.E2E_SCREENSHOTS) return '(screenshots are off)';
    const png = await this.cmd('GET', '/screenshot', undefined, 10_000).catch(() => null);
    if (!png) return '(no screenshot: the driver did not answer)';
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, `${name}.png`);
    writeFileSync(file, Buffer.from(png, 'base64'));
    return file;
  }
}
