import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import CheckinForm from './CheckinForm.svelte';
import type { CheckinInput, CheckinView, SleepSummary } from '../lib/bindings';

afterEach(() => {
  cleanup();
  clearMocks();
});

const SUMMARY: SleepSummary = {
  bedAt: '2026-11-24T22:40',
  outOfBedAt: '2026-11-25T06:50',
  timeInBedMin: 490,
  totalSleepMin: 400,
  efficiencyPct: 81.6,
};

function choose(group: string, value: string) {
  const radio = screen
    .getByRole('radiogroup', { name: group })
    .querySelector<HTMLInputElement>(`input[value="${value}"]`);
  if (!radio) throw new Error(`no ${value} in ${group}`);
  return fireEvent.click(radio);
}

describe('CheckinForm', () => {
  it('shows every scale with its anchors in words and labels every box', () => {
    mockIPC(() => SUMMARY);
    render(CheckinForm, { props: { today: '2026-11-25', onsaved: () => {} } });
    const mood = screen.getByRole('radiogroup', { name: 'Mood' });
    expect(mood.textContent).toContain('0 = very low');
    expect(mood.textContent).toContain('10 = very good');
    expect(screen.getByRole('radiogroup', { name: 'Cravings today' }).textContent).toContain('10 = worst imaginable');
    for (const label of ['Went to bed', 'Tried to sleep', 'Minutes to fall asleep', 'Times woken in the night',
      'Minutes awake in the night', 'Woke up for the day', 'Got out of bed', 'Note (optional)', 'Day']) {
      expect(screen.getByLabelText(label)).toBeTruthy();
    }
  });

  it('shows the night\'s figures from the core while typing', async () => {
    const previews: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'preview_sleep') previews.push(args);
      return SUMMARY;
    });
    render(CheckinForm, { props: { today: '2026-11-25', onsaved: () => {} } });
    await fireEvent.input(screen.getByLabelText('Went to bed'), { target: { value: '2240' } });
    await waitFor(() => expect(screen.getByTestId('sleep-preview').textContent).toContain('81.6%'));
    const text = screen.getByTestId('sleep-preview').textContent ?? '';
    expect(text).toContain('8 h 10 min');
    expect(text).toContain('6 h 40 min');
    expect(previews.at(-1)).toMatchObject({ day: '2026-11-25', input: { bedTime: '22:40' } });
  });

  it('saves what was chosen and hands the saved entry on', async () => {
    let sent: CheckinInput | undefined;
    const saved: CheckinView[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'save_checkin') {
        sent = (args as { input: CheckinInput }).input;
        return { id: 1, day: sent.day, recordedAt: '2026-11-25T09:00', timeZone: 'UTC', mood: 3, craving: 8, note: '', sleep: null };
      }
      return SUMMARY;
    });
    render(CheckinForm, { props: { today: '2026-11-25', onsaved: (v: CheckinView) => saved.push(v) } });
    await choose('Mood', '3');
    await choose('Cravings today', '8');
    await fireEvent.click(screen.getByLabelText("Add last night's sleep"));
    await fireEvent.input(screen.getByLabelText('Note (optional)'), { target: { value: 'Tired' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save check-in' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(sent).toEqual({ day: '2026-11-25', mood: 3, craving: 8, note: 'Tired', sleep: null });
  });

  it('puts the core\'s sentence next to its field, tied to it, and moves focus there', async () => {
    mockIPC((cmd) => {
      if (cmd === 'save_checkin') {
        throw { kind: 'invalid', field: 'sleep.finalWake', message: 'This wake time comes before the time you went to bed.' };
      }
      return SUMMARY;
    });
    render(CheckinForm, { props: { today: '2026-11-25', onsaved: () => {} } });
    await choose('Mood', '5');
    await choose('Cravings today', '5');
    await fireEvent.click(screen.getByRole('button', { name: 'Save check-in' }));
    const box = screen.getByLabelText('Woke up for the day');
    await waitFor(() => expect(box.getAttribute('aria-invalid')).toBe('true'));
    const error = document.getElementById(box.getAttribute('aria-describedby') ?? '');
    expect(error?.textContent).toBe('This wake time comes before the time you went to bed.');
    expect(document.activeElement).toBe(box);
  });

  it('shows other failures above the buttons and keeps what was typed', async () => {
    mockIPC((cmd) => {
      if (cmd === 'save_checkin') throw { kind: 'storage', field: null, message: 'The disk is full. Nothing was changed.' };
      return SUMMARY;
    });
    render(CheckinForm, { props: { today: '2026-11-25', onsaved: () => {} } });
    await choose('Mood', '5');
    await fireEvent.input(screen.getByLabelText('Note (optional)'), { target: { value: 'Keep me' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save check-in' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('The disk is full'));
    expect((screen.getByLabelText('Note (optional)') as HTMLTextAreaElement).value).toBe('Keep me');
  });

  it('takes the last night\'s times when they arrive, but never over what is being typed', async () => {
    mockIPC(() => SUMMARY);
    const last = {
      bedTime: '22:15', lightsOff: '22:30', latencyMin: 10, awakenings: 0, awakeMin: 0,
      finalWake: '06:00', outOfBed: '06:10', quality: 4,
    };
    const view = render(CheckinForm, { props: { today: '2026-11-25', prefill: null, onsaved: () => {} } });
    expect((screen.getByLabelText('Went to bed') as HTMLInputElement).value).toBe('23:00');
    await view.rerender({ today: '2026-11-25', prefill: { sleep: last, sleepDone: false }, onsaved: () => {} });
    await waitFor(() => expect((screen.getByLabelText('Went to bed') as HTMLInputElement).value).toBe('22:15'));

    await fireEvent.input(screen.getByLabelText('Went to bed'), { target: { value: '01:00' } });
    await view.rerender({ today: '2026-11-25', prefill: { sleep: last, sleepDone: true }, onsaved: () => {} });
    expect((screen.getByLabelText('Went to bed') as HTMLInputElement).value).toBe('01:00');
  });

  it('starts without sleep when today\'s night is already recorded', async () => {
    mockIPC(() => SUMMARY);
    render(CheckinForm, { props: { today: '2026-11-25', prefill: { sleep: null, sleepDone: true }, onsaved: () => {} } });
    expect((screen.getByLabelText("Add last night's sleep") as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByLabelText('Went to bed')).toBeNull();
  });

  it('counts the note in characters as it grows', async () => {
    mockIPC(() => SUMMARY);
    render(CheckinForm, { props: { today: '2026-11-25', onsaved: () => {} } });
    await fireEvent.input(screen.getByLabelText('Note (optional)'), { target: { value: 'é'.repeat(5001) } });
    expect(screen.getByText('5,001 of 5,000 characters')).toBeTruthy();
  });
});
