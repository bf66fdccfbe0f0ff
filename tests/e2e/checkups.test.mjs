// End to end: a mood check-up (PHQ-9), offered on Today, taken with the keyboard alone. An answer above "Not at
// all" to the ninth question shows the safety screen, with the chosen region's crisis lines,
// before the score; the score follows, and Get help names the answer.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { Session, sql, wipeData } from './webdriver.mjs';

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
