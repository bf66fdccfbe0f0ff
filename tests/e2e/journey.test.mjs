// The detox journey through the real app: a dose and the timeline phase, a symptom check charted
// by detox day, a taper plan and today's amount, "Craving now" from the keyboard with urge
// surfing, and crisis lines reachable from every screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, Session, sql, wipeData, waitFor } from './webdriver.mjs';

let s;
before(async () => {
  wipeData();
  s = await Session.start();
});
after(async () => {
  await s?.quit().catch(() => {});
});

/** Local "YYYY-MM-DD" and "HH:MM" of an instant, in the zone the app runs in too. */
function local(d) {
  const p = (n) => String(n).padStart(2, '0');
  return [`${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`, `${p(d.getHours())}:${p(d.getMinutes())}`];
}

const said = () => s.text('.notice');

test('a logged dose shows the detox day and phase, and a new dose restarts it', async () => {
  await s.click('[data-testid="nav-today"]');
  assert.match(await s.text('[data-testid="detox-phase"]'), /No dose logged yet/);
  const [day, time] = local(new Date(Date.now() - 30 * 3600_000));
  await s.click('#log-dose');
  await s.fill('#dose-amount', '4,5');
  await s.setValue('#dose-day', day);
  await s.fill('#dose-at', time);
  await s.click('.dose-form button[type="submit"]');
  await waitFor(async () => /Day 2/.test(await s.text('[data-testid="detox-phase"]')), 'day 2 of the timeline');
  assert.match(await s.text('[data-testid="detox-phase"]'), /The hardest days/);
  assert.match(await s.text('[data-testid="since-dose"]'), /^30 hours since your last dose \(4\.5 g, powder/);
  assert.equal(sql('SELECT mg, unit, form FROM doses'), '4500|grams|powder');

  // A bad amount is explained at the field and saves nothing.
  await s.click('#log-dose');
  await s.fill('#dose-amount', '0');
  await s.click('.dose-form button[type="submit"]');
  assert.match(await s.text('#dose-amount-error'), /above zero/);
  assert.equal(sql('SELECT count(*) FROM doses'), '1');

  await s.click('.dose-form input[value="capsules"]');
  await s.fill('#dose-amount', '4');
  await s.fill('#dose-gramsPerCapsule', '0.5');
  await s.click('.dose-form button[type="submit"]');
  await waitFor(async () => /Day 1/.test(await s.text('[data-testid="detox-phase"]')), 'the timeline to restart');
  assert.match(await s.text('[data-testid="detox-phase"]'), /Before symptoms usually start/);
  assert.match(await said(), /Dose logged/);
  assert.equal(sql('SELECT mg FROM doses ORDER BY at DESC LIMIT 1'), '2000');
});

test('a symptom check is saved and charted by detox day', async () => {
  await s.click('[data-testid="nav-today"]');
  for (const [symptom, score] of [['sweating', 3], ['insomnia', 4], ['anxiety', 2]]) {
    await s.click(`[data-testid="symptom-${symptom}"] input[value="${score}"] + span`);
  }
  await s.click('.symptom-form button[type="submit"]');
  await waitFor(async () => (await s.exists('[data-testid="symptom-total"]')), 'the saved total');
  assert.match(await s.text('[data-testid="symptom-total"]'), /tally 9 of 64, on day 1 since your last dose/);
  assert.equal(sql(`SELECT group_concat(symptom || '=' || score) FROM (SELECT symptom, score FROM symptom_scores WHERE score > 0 ORDER BY symptom)`),
    'anxiety=2,insomnia=4,sweating=3');

  await s.click('[data-testid="nav-trends"]');
  const img = '[data-testid="chart-symptoms"] img';
  await waitFor(async () => s.exists(img), 'the symptom chart');
  const alt = await s.attr(img, 'alt');
  assert.match(alt, /1 symptom checks since the dose on .*from day 1 to day 1/);
  assert.match(alt, /highest on day 1 at 9/);
});

test('a taper plan shows today’s planned amount and its steps', async () => {
  await s.click('[data-testid="nav-plan"]');
  await s.click('#taper-enter');
  // Nothing suggests a pace: the steps are the ones agreed with a clinician.
  assert.equal(await s.run("return document.querySelector('#taper-stepValue').value + '|' + document.querySelector('#taper-daysPerStep').value"), '|');
  await s.fill('#taper-startGrams', '8');
  await s.fill('#taper-stepValue', '10');
  await s.fill('#taper-daysPerStep', '7');
  await s.fill('#taper-endGrams', '0.5');
  await s.fill('#taper-dosesPerDay', '2');
  await s.fill('#taper-note', 'Agreed with my doctor');
  // 10% of 2.25 g is less than the 0.25 g that can be measured: the preview says how to end.
  await waitFor(async () => /final phase/.test(await s.text('[data-testid="taper-preview"]')), 'the rounding sentence');
  await s.fill('#taper-finalBelowGrams', '2.5');
  await s.fill('#taper-finalStepGrams', '0.25');
  await waitFor(async () => /steps: 8 g, 7\.25 g/.test(await s.text('[data-testid="taper-preview"]')), 'the preview of the steps');
  assert.match(await s.text('[data-testid="taper-preview"]'), /From 2\.5 g a day, each step lowers the amount by 0\.25 g\. From 0\.5 g a day or less, the last step goes to 0 g\./);
  // 8 g is more than the 4.5 g logged yesterday: the plan asks to be confirmed.
  await s.click('.taper-form button[type="submit"]');
  await waitFor(async () => s.exists('#taper-confirmAboveLogged-error'), 'the request to confirm');
  await s.screenshot('taper-form-confirm');
  assert.equal(await s.run('return document.activeElement.id'), 'taper-confirmAboveLogged');
  assert.equal(sql('SELECT count(*) FROM taper_plans'), '0');
  await s.click('#taper-confirmAboveLogged');
  await s.click('.taper-form button[type="submit"]');
  await waitFor(async () => s.exists('[data-testid="taper-today"]'), "today's amount");
  assert.match(await s.text('[data-testid="taper-today"]'), /Today's planned amount: 8 g, as 2 doses: 4 g, 4 g\. Logged today: 2 g\./);
  assert.match(await s.text('[data-testid="taper-steps"]'), /7\.25 g/);
  assert.equal(sql('SELECT start_mg, step_kind, step_value, days_per_step, rounding_mg, doses_per_day, end_mg, final_below_mg, final_step_mg FROM taper_plans'),
    '8000|percent|10|7|250|2|500|2500|250');
  // The home screen follows the taper, not the dose-free timeline.
  await s.click('[data-testid="nav-today"]');
  await waitFor(async () => s.exists('[data-testid="taper-step"]'), 'the taper on the home card');
  assert.match(await s.text('[data-testid="taper-step"]'), /Taper step 1 of \d+ · 8 g planned today/);
  assert.match(await s.text('[data-testid="home-taper-today"]'), /As 2 doses: 4 g, 4 g\. Logged so far today: 2 g\./);
  await s.screenshot('today-taper');
  // The symptom chart can count from the taper's last step down; there has been none yet.
  await s.click('[data-testid="nav-trends"]');
  await s.click('[data-testid="chart-symptoms"] input[value="stepDown"]');
  await waitFor(async () => /since the last step down/.test(await s.text('#chart-symptoms-title')), 'the step-down view');
  await waitFor(async () => /Checks made after a step down show here/.test(await s.text('[data-testid="chart-symptoms"]')), 'the step-down sentence');
});

test('"Craving now" opens from the home screen with the keyboard, and urge surfing is logged', async () => {
  await s.click('[data-testid="nav-today"]');
  await s.run('document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);');
  await s.tabUntil((a) => a.id === 'craving-now', 'the Craving now button', 20);
  await s.keys('\uE007');
  await waitFor(async () => (await s.run('return document.activeElement.id')) === 'craving-now-title', 'the craving screen to take focus');
  await s.click('#surf-before input[value="8"] + span');
  await s.click('.urge-surf button.primary');
  await waitFor(async () => s.exists('.urge-surf .timer'), 'the timer');
  await s.click('.urge-surf .actions button');
  await s.click('#surf-after input[value="3"] + span');
  await s.click('.urge-surf button.primary');
  await waitFor(async () => /from 8 to 3/.test(await said()), 'the kind word after surfing');
  assert.equal(sql('SELECT intensity, eased_to, surf_min FROM cravings'), '8|3|1');
});

test('crisis lines are one click away from every screen, and follow the chosen region', async () => {
  for (const screen of ['today', 'plan', 'tools', 'history', 'trends', 'reminders']) {
    await s.click(`[data-testid="nav-${screen}"]`);
    await s.click('[data-testid="nav-help"]');
    // The suite's zone (Etc/GMT±N) names no place: no country is guessed, the general advice shows.
    await waitFor(async () => /local emergency number/.test(await s.text('[data-testid="crisis-lines"]')), `crisis lines from ${screen}`);
  }
  assert.match(await s.text('[data-testid="region-unknown"]'), /cannot tell/);
  await s.screenshot('help-region-unknown');
  assert.doesNotMatch(await s.text('[data-testid="crisis-lines"]'), /988|911/);
  await s.click('#craving-now');
  await s.click('[data-testid="nav-help"]');
  await chooseRegion('gb');
  await waitFor(async () => /116 123/.test(await s.text('[data-testid="crisis-lines"]')), 'the UK lines');
  assert.equal(await s.exists('[data-testid="region-unknown"]'), false);
  assert.equal(readFileSync(join(DATA_DIR, 'help-region'), 'utf8'), 'gb');
  await chooseRegion('us');
  await waitFor(async () => /988/.test(await s.text('[data-testid="crisis-lines"]')), 'the US lines again');
  assert.match(await s.text('[data-testid="crisis-lines"]'), /1-800-222-1222/, 'the poison line');
  // Beyond the first six: Thailand's own numbers, and a country with only its emergency number.
  await chooseRegion('th');
  await waitFor(async () => /1669/.test(await s.text('[data-testid="crisis-lines"]')), 'the Thai lines');
  assert.match(await s.text('[data-testid="crisis-lines"]'), /1323/);
  await chooseRegion('bg');
  await waitFor(async () => s.exists('[data-testid="no-lines-known"]'), 'what is not known yet, said');
  assert.match(await s.text('[data-testid="crisis-lines"]'), /Call 112/);
  await chooseRegion('us');
  await waitFor(async () => /988/.test(await s.text('[data-testid="crisis-lines"]')), 'the US lines once more');
});

const chooseRegion = (region) => s.chooseRegion(region);

test('holding a long plan until the app refuses never takes help away', async () => {
  await s.click('[data-testid="nav-help"]');
  await chooseRegion('au');
  await waitFor(async () => /13 11 14/.test(await s.text('[data-testid="crisis-lines"]')), 'the Australian lines');
  // A slow plan from today: 2 g, 5% a month, measured to 0.01 g.
  await s.click('[data-testid="nav-plan"]');
  await waitFor(async () => s.exists('#taper-adjust'), 'the plan in force');
  await s.click('#taper-adjust');
  await s.fill('#taper-startGrams', '2');
  await s.fill('#taper-stepValue', '5');
  await s.fill('#taper-daysPerStep', '30');
  await s.fill('#taper-roundingGrams', '0.01');
  // Emptied the way the page sees it (WebDriver's clear fires no input event).
  await s.setValue('#taper-finalBelowGrams', '');
  await s.setValue('#taper-finalStepGrams', '');
  await waitFor(async () => /steps: 2 g, 1\.9 g/.test(await s.text('[data-testid="taper-preview"]')), 'the slow plan previewed');
  await s.click('.taper-form button[type="submit"]');
  await waitFor(async () => /planned amount: 2 g/.test(await s.text('[data-testid="taper-today"]')), 'the slow plan saved');
  await s.run(`const el = document.querySelector('#hold-days'); el.value = '60'; el.dispatchEvent(new Event('change', { bubbles: true }));`);
  let refused = false;
  for (let i = 0; i < 40 && !refused; i++) {
    const before = sql('SELECT count(*) FROM taper_holds');
    await s.click('#hold-step');
    await waitFor(async () => sql('SELECT count(*) FROM taper_holds') !== before || (await s.exists('[data-testid="taper-problem"]')), 'the hold or its refusal');
    refused = await s.exists('[data-testid="taper-problem"]');
  }
  assert.ok(refused, 'the app refuses a hold past five years');
  assert.match(await s.text('[data-testid="taper-problem"]'), /past five years.*Nothing was changed/);
  await s.screenshot('taper-hold-refused');
  const holds = sql('SELECT count(*) FROM taper_holds');
  assert.ok(Number(holds) > 5, holds);
  // The plan card still shows its plan; Today still shows the taper; help keeps its region.
  assert.match(await s.text('[data-testid="taper-today"]'), /planned amount: 2 g/);
  await s.click('[data-testid="nav-today"]');
  await waitFor(async () => s.exists('[data-testid="taper-step"]'), 'the home card');
  assert.match(await s.text('[data-testid="taper-step"]'), /Taper step 1 of/);
  await s.click('[data-testid="nav-help"]');
  await waitFor(async () => /Lifeline/.test(await s.text('[data-testid="crisis-lines"]')), 'the chosen region after the refusal');
  assert.match(await s.text('[data-testid="crisis-lines"]'), /13 11 26/);
  // Ending always works.
  await s.click('[data-testid="nav-plan"]');
  await s.click('#end-plan');
  await waitFor(async () => s.exists('#taper-enter'), 'the plan ended');
});

test('a taper with a coarse measuring unit is refused with the sentence next to the field', async () => {
  await s.click('[data-testid="nav-plan"]');
  await s.click('#taper-enter');
  await s.fill('#taper-startGrams', '1');
  await s.fill('#taper-stepValue', '10');
  await s.fill('#taper-daysPerStep', '7');
  await s.fill('#taper-endGrams', '0.5');
  await s.fill('#taper-roundingGrams', '0.25');
  await s.click('.taper-form button[type="submit"]');
  await waitFor(async () => s.exists('#taper-roundingGrams-error'), 'the sentence at the rounding field');
  assert.match(await s.text('#taper-roundingGrams-error'), /cannot go below 1 g.*finer measuring unit/);
  assert.equal(await s.run('return document.activeElement.id'), 'taper-roundingGrams');
  assert.equal(sql('SELECT count(*) FROM taper_plans WHERE ended_on IS NULL'), '0');
});
