// End to end: a mood check-up (PHQ-9), offered on Today, taken with the keyboard alone. An answer above "Not at
// all" to the ninth question shows the safety screen, with the chosen region's crisis lines,
// before the score; the score follows, and Get help names the answer. Then the report for the
// clinician, saved through the native dialog's test path and read back with pdftotext, and the
// safety plan as a one-page PDF.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session, sql, wipeData, waitFor } from './webdriver.mjs';

const TAB = '\uE004';
const SPACE = '\uE00D';
const RIGHT = '\uE014';
const ENTER = '\uE007';

before(() => wipeData());

test('a PHQ-9 with a ninth answer shows the safety screen before the score', async () => {
  const s = await Session.start();
  try {
    await s.click('[data-testid="nav-help"]');
    await s.chooseRegion('au');

    // Today offers both, quietly; the mood one opens on Tools.
    await s.click('[data-testid="nav-today"]');
    await s.el('[data-testid="due-gad7"]');
    await s.click('[data-testid="due-phq9"]');
    await s.el('[data-testid="checkup-form-phq9"]');
    // The safety screen is one click from the check-up at any time, and the check-up waits.
    await s.click('[data-testid="checkup-help"]');
    await s.el('[data-testid="safety-screen"]');
    assert.equal(await s.attr('[data-testid="safety-screen"] [data-testid="crisis-lines"]', 'data-region'), 'au');
    await s.click('[data-testid="back-to-checkup"]');
    await s.el('[data-testid="checkup-form-phq9"]');
    // Keyboard only: Tab into each question, Space picks "Not at all", each Right arrow the next answer.
    const answers = [0, 1, 0, 1, 0, 0, 0, 0, 1];
    let keys = '';
    for (const a of answers) keys += TAB + SPACE + RIGHT.repeat(a);
    keys += TAB + SPACE + RIGHT; // "Somewhat difficult"
    await s.keys(keys);
    assert.deepEqual(
      await s.run(`return [...Array(9).keys()].map((i) => document.querySelector('input[name="checkup-q' + (i + 1) + '"]:checked')?.value)`),
      answers.map(String),
    );
    await s.screenshot('checkup-form');
    await s.keys(TAB + ENTER);

    // The safety screen first, with the region's lines; no score yet.
    await s.el('[data-testid="safety-screen"]');
    assert.equal(await s.exists('[data-testid="checkup-score"]'), false);
    await s.screenshot('checkup-safety');
    assert.equal(await s.attr('[data-testid="safety-screen"] [data-testid="crisis-lines"]', 'data-region'), 'au');
    assert.equal(sql("SELECT answers || ':' || difficulty FROM checkups"), '010100001:1');

    await s.click('[data-testid="see-score"]');
    await s.el('[data-testid="checkup-score"]');
    const score = await s.text('[data-testid="checkup-score"]');
    assert.match(score, /3 of 27/);
    assert.match(score, /Minimal/);
    assert.match(score, /not a diagnosis/);
    await s.screenshot('checkup-score');

    // Get help names the answer for the two weeks it is about.
    await s.click('[data-testid="nav-help"]');
    await s.el('[data-testid="help-prompt-ninth_answer"]');
    assert.match(await s.text('main'), /“Several days” to question 9/);

    // The score is on Trends, drawn by the core, with its table.
    await s.click('[data-testid="nav-trends"]');
    await s.el('[data-testid="chart-checkups"] img');
    assert.match(await s.attr('[data-testid="chart-checkups"] img', 'alt'), /Mood \(PHQ-9\): one check-up, 3 of 27/);

    // Today offers only the one not taken.
    await s.click('[data-testid="nav-today"]');
    await s.el('[data-testid="due-gad7"]');
    assert.equal(await s.exists('[data-testid="due-phq9"]'), false);
  } finally {
    await s.quit().catch(() => {});
  }
});

test('the report for the clinician and the safety plan are saved as PDFs the app made', async () => {
  const dir = process.env.RECOVERY_COMPANION_E2E_SAVE_DIR;
  const s = await Session.start();
  try {
    // The plan, in the person's words, on its one printable page.
    await s.click('[data-testid="nav-plan"]');
    await s.fill('#plan-saferSurroundings', 'My sister keeps what is left');
    await s.click('.recovery-plan button[type="submit"]');
    await waitFor(async () => sql('SELECT safer_surroundings FROM recovery_plan') === 'My sister keeps what is left', 'the plan to be saved');
    await s.screenshot('safety-plan');
    await s.click('[data-testid="plan-pdf"]');
    await waitFor(() => readdirSync(dir).includes('my-plan-for-hard-moments.pdf'), 'the plan PDF');
    const plan = execFileSync('pdftotext', [join(dir, 'my-plan-for-hard-moments.pdf'), '-'], { encoding: 'utf8' });
    assert.match(plan, /Making my surroundings safer/);
    assert.match(plan, /My sister keeps what is left/);

    await s.click('[data-testid="nav-trends"]');
    await s.el('[data-testid="clinician-report"] [data-testid="make-report"]');
    // Notes stay out unless the person adds them; the rest is in.
    assert.equal(await s.run('return document.querySelector(\'[data-testid="report-notes"]\').checked'), false);
    assert.equal(await s.run('return document.querySelector(\'[data-testid="report-checkups"]\').checked'), true);
    await s.click('[data-testid="report-csv"]');
    await s.screenshot('clinician-report');
    await s.click('[data-testid="make-report"]');
    await waitFor(async () => (await s.exists('[data-testid="report-saved"]')), 'the report to be saved');
    const today = sql("SELECT day FROM checkups LIMIT 1");
    const name = readdirSync(dir).find((f) => f.startsWith('report-for-my-clinician-') && f.endsWith('.pdf'));
    assert.ok(name, readdirSync(dir).join(', '));
    assert.ok(name.endsWith(`-to-${today}.pdf`), name);
    const pdf = readFileSync(join(dir, name));
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    // Without the page numbers, which sit on the footer's first line.
    const text = execFileSync('pdftotext', ['-layout', join(dir, name), '-'], { encoding: 'utf8' }).replace(/\s+Page \d+ of \d+/g, ' ');
    assert.match(text, /Summary for my clinician/);
    assert.match(text, /Mood \(PHQ-9\)/);
    assert.match(text, /3 of 27/);
    assert.match(text, /Minimal/);
    assert.match(text, /question 9/);
    assert.match(text, /My sister keeps what is left/);
    assert.match(text, /Recorded\s+by\s+the\s+patient\s+in\s+a\s+self-tracking\s+app/);
    const csv = readFileSync(join(dir, name.replace(/\.pdf$/, '.csv')), 'utf8');
    assert.match(csv, /^date,measure,value,unit,detail\n/);
    assert.match(csv, /,phq9_total,3,points,Minimal\n/);
    assert.match(await s.text('[data-testid="report-saved"]'), new RegExp(`Saved \\d+ pages? to .*${name}`));
    assert.equal(readdirSync(dir).filter((f) => f.includes('.partial')).length, 0);
  } finally {
    await s.quit().catch(() => {});
  }
});

test('the two-question check-up on Today, once asked for, offers the full one at the cut-off', async () => {
  const s = await Session.start();
  try {
    await s.click('[data-testid="nav-tools"]');
    await s.click('[data-testid="quick-checkups"]');
    await waitFor(() => sql("SELECT value FROM settings WHERE key = 'quick_checkups'") === '1', 'the choice to be saved');
    await s.click('[data-testid="nav-today"]');
    await s.el('[data-testid="quick-checkup"]');
    // PHQ-2: "More than half the days", "Several days" (3, the cut-off); GAD-2: "Not at all" twice.
    for (const [name, a] of [['quick-phq2-1', 2], ['quick-phq2-2', 1], ['quick-gad2-1', 0], ['quick-gad2-2', 0]]) {
      await s.click(`input[name="${name}"][value="${a}"]`);
    }
    await s.click('[data-testid="save-quick"]');
    await s.el('[data-testid="quick-result"]');
    await s.screenshot('quick-result');
    const text = await s.text('[data-testid="quick-result"]');
    assert.match(text, /Quick mood \(PHQ-2\): 3 of 6, at or over the usual cut-off/);
    assert.match(text, /Quick anxiety \(GAD-2\): 0 of 6, under the usual cut-off/);
    assert.equal(await s.exists('[data-testid="quick-full-gad7"]'), false);
    assert.equal(sql("SELECT group_concat(instrument || ':' || answers, ' ') FROM checkups WHERE instrument IN ('phq2', 'gad2')"), 'phq2:21 gad2:00');
    await s.click('[data-testid="quick-full-phq9"]');
    await s.el('[data-testid="checkup-form-phq9"]');
  } finally {
    await s.quit().catch(() => {});
  }
});
