import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import Trends from './Trends.svelte';
import type { Dashboard, TrendDays } from '../../lib/bindings';

afterEach(() => {
  cleanup();
  clearMocks();
});

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><title>t</title><desc>d</desc></svg>';

function dashboard(range: Dashboard['range']): Dashboard {
  return {
    range,
    from: '2026-11-24',
    to: '2026-11-25',
    craving: { title: 'Cravings per day', desc: 'From 24 to 25 November: highest 8.', svg: SVG },
    sleep: { title: 'Sleep per night', desc: 'No sleep diary in these days yet.', svg: null },
    mood: { title: 'Mood per day', desc: 'Mood on 2 days.', svg: SVG },
    checkups: { title: 'Mood and anxiety check-ups', desc: 'No check-ups from 24 to 25 November.', svg: null },
    checkupRows: [],
    insights: [{ id: 'craving-week', text: 'Your average craving this week was lower.', basedOn: 'Based on 9 days.' }],
  };
}

function trendDays(range: Dashboard['range']): TrendDays {
  return {
    range,
    from: '2026-11-24',
    to: '2026-11-25',
    cravingDays: [
      { day: '2026-11-25', max: 8, avg: 6.5, logged: 2, rolling: 6.25 },
      { day: '2026-11-24', max: null, avg: null, logged: 0, rolling: 6 },
    ],
    sleepNights: [],
    moodDays: [
      { day: '2026-11-25', avg: 6, rolling: 5.5 },
      { day: '2026-11-24', avg: 5, rolling: 5 },
    ],
  };
}

type Call = { cmd: string; args: Record<string, unknown> };

function backend(exportReply: (args: Record<string, unknown>) => unknown) {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    calls.push({ cmd, args: args as Record<string, unknown> });
    if (cmd === 'dashboard') return dashboard((args as { range: Dashboard['range'] }).range);
    if (cmd === 'trend_days') return trendDays((args as { range: Dashboard['range'] }).range);
    if (cmd === 'export_chart') return exportReply(args as Record<string, unknown>);
    throw new Error(`unexpected ${cmd}`);
  });
  return calls;
}

describe('Trends', () => {
  it('shows insights with their basis, charts with their description, and says when a chart has no data', async () => {
    backend(() => null);
    render(Trends);
    expect(await screen.findByText('Your average craving this week was lower.')).toBeTruthy();
    expect(screen.getByText('Based on 9 days.')).toBeTruthy();
    expect(screen.getByRole('img', { name: 'From 24 to 25 November: highest 8.' })).toBeTruthy();
    expect(screen.getByText('No sleep diary in these days yet.')).toBeTruthy();
    // A chart without data offers neither a table nor a file.
    expect(screen.queryByRole('button', { name: /sleep per night/i })).toBeNull();
  });

  it('asks for the chosen range and lists the same figures as a table, with gaps as dashes', async () => {
    const calls = backend(() => null);
    render(Trends);
    await screen.findByText('Cravings per day');
    expect(calls.filter((c) => c.cmd === 'dashboard').map((c) => c.args.range)).toEqual(['month']);
    await fireEvent.click(screen.getByLabelText('7 days'));
    await waitFor(() => expect(calls.at(-1)?.args.range).toBe('week'));

    const [toggle] = screen.getAllByRole('button', { name: 'Show as table' });
    if (!toggle) throw new Error('no table toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(calls.some((c) => c.cmd === 'trend_days')).toBe(false);
    await fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    // The days are asked for only now that a table is open, for the range shown.
    const table = await screen.findByRole('table', { name: 'Cravings per day, 2026-11-24 to 2026-11-25' });
    expect(calls.filter((c) => c.cmd === 'trend_days').map((c) => c.args.range)).toEqual(['week']);
    const rows = [...table.querySelectorAll('tbody tr')].map((r) =>
      [...r.children].map((c) => c.textContent),
    );
    expect(rows).toEqual([
      ['2026-11-25', '8', '6.5', '2', '6.3'],
      ['2026-11-24', '—', '—', '0', '6.0'],
    ]);
  });

  it('pages a long table a month at a time, starting at the latest days', async () => {
    const long = trendDays('all');
    long.cravingDays = Array.from({ length: 40 }, (_, i) => ({
      day: `2026-10-${String(i + 1).padStart(2, '0')}`,
      max: i % 10,
      avg: null,
      logged: 0,
      rolling: null,
    }));
    mockIPC((cmd) => {
      if (cmd === 'dashboard') return dashboard('all');
      if (cmd === 'trend_days') return long;
      throw new Error(`unexpected ${cmd}`);
    });
    render(Trends);
    await screen.findByText('Cravings per day');
    const [toggle] = screen.getAllByRole('button', { name: 'Show as table' });
    if (!toggle) throw new Error('no table toggle');
    await fireEvent.click(toggle);
    await screen.findByText('Days 10–40 of 40');
    const days = () =>
      [...screen.getByRole('table', { name: /^Cravings per day/ }).querySelectorAll('tbody th')].map((c) => c.textContent);
    expect(days()).toHaveLength(31);
    expect(days()[0]).toBe('2026-10-10');
    expect(days().at(-1)).toBe('2026-10-40');
    expect(screen.getByText('Days 10–40 of 40')).toBeTruthy();
    const later = screen.getByRole('button', { name: 'Later days' }) as HTMLButtonElement;
    expect(later.disabled).toBe(true);
    await fireEvent.click(screen.getByRole('button', { name: 'Earlier days' }));
    expect(days()).toEqual(long.cravingDays.slice(0, 9).map((d) => d.day));
    expect((screen.getByRole('button', { name: 'Earlier days' }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(later);
    expect(days()[0]).toBe('2026-10-10');
  });

  it('saves a chart through the app and says where, or says nothing when the dialog is cancelled', async () => {
    let reply: unknown = '/home/me/cravings.svg';
    const calls = backend(() => reply);
    render(Trends);
    await fireEvent.click(await screen.findByRole('button', { name: 'Save cravings per day as SVG' }));
    await waitFor(() => expect(screen.getByTestId('saved').textContent).toBe('Saved to /home/me/cravings.svg'));
    expect(calls.find((c) => c.cmd === 'export_chart')?.args).toMatchObject({
      chart: 'craving',
      range: 'month',
      format: 'svg',
    });
    // The picture is made by the core: the web view sends only the choice.
    expect(Object.keys(calls.find((c) => c.cmd === 'export_chart')?.args ?? {}).sort()).toEqual(['chart', 'format', 'range', 'theme']);

    reply = null;
    await fireEvent.click(screen.getByRole('button', { name: 'Save mood per day as SVG' }));
    await waitFor(() => expect(calls.filter((c) => c.cmd === 'export_chart')).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId('saved').textContent).toBe(''));
  });

  it('shows the reason when a chart cannot be saved', async () => {
    backend(() => {
      throw { kind: 'storage', message: 'The file could not be written: the disk is full.', field: null };
    });
    render(Trends);
    await fireEvent.click(await screen.findByRole('button', { name: 'Save cravings per day as SVG' }));
    await waitFor(() =>
      expect(screen.getByTestId('saved').textContent).toBe('The file could not be written: the disk is full.'),
    );
  });
});
