import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import Help from './Help.svelte';
import type { HelpView } from '../../lib/bindings';

afterEach(() => {
  cleanup();
  clearMocks();
});

const view = (region: string | null, chosen = false): HelpView => ({
  region,
  regionChosen: chosen,
  contacts: [],
  contactsProblem: null,
  prompts: [],
  promptsProblem: null,
});

/** Answers `help_view` with `help` (or fails it), and fails everything else: the diary is gone. */
function backend(help: HelpView | 'fail') {
  mockIPC((cmd) => {
    if (cmd === 'help_view' && help !== 'fail') return help;
    throw { kind: 'storage', message: 'The data file could not be read.', field: null };
  });
}

const lines = () => screen.getByTestId('crisis-lines');

describe('Get help', () => {
  it('shows the chosen region even when everything else fails', async () => {
    backend(view('gb', true));
    render(Help);
    await waitFor(() => expect(lines().textContent).toMatch(/116 123/));
    expect(lines().textContent).not.toMatch(/988|911/);
    expect(screen.queryByTestId('region-unknown')).toBeNull();
    expect(screen.getByTestId('urgent-signs').textContent).toMatch(/seizure/);
  });

  it('asks where the person is when the zone names no place, and shows the general advice', async () => {
    backend(view(null));
    render(Help);
    await waitFor(() => expect(screen.getByTestId('region-unknown').textContent).toMatch(/cannot tell/));
    expect(lines().getAttribute('data-region')).toBe('other');
    expect(lines().textContent).toMatch(/local emergency number/);
    expect((screen.getByLabelText('Where you are') as HTMLSelectElement).value).toBe('');
  });

  it('never falls back to another country’s lines when help itself cannot answer', async () => {
    backend('fail');
    render(Help);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/could not be read/));
    expect(lines().getAttribute('data-region')).toBe('other');
    expect(lines().textContent).not.toMatch(/988|911/);
  });

  it('shows every health statement with its source', async () => {
    backend(view('us'));
    render(Help);
    await waitFor(() => expect(lines().textContent).toMatch(/1-800-222-1222/));
    const resources = lines().querySelectorAll('li');
    for (const li of resources) expect(li.querySelector('.source')?.textContent).toMatch(/^Source: .{10,}/);
    expect(lines().textContent).toMatch(/reviewed 2026-11-27 against/);
  });

  it('shows a country with no known line its emergency number, and says what is missing', async () => {
    backend(view('bg', true));
    render(Help);
    await waitFor(() => expect(lines().getAttribute('data-region')).toBe('bg'));
    expect(lines().textContent).toMatch(/Call 112/);
    expect(screen.getByTestId('no-lines-known').textContent).toMatch(/do not know a crisis line/);
    expect((screen.getByLabelText('Where you are') as HTMLSelectElement).value).toBe('bg');
  });

  it('never promises day and night where a line shown keeps hours', async () => {
    backend(view('ie', true));
    render(Help);
    await waitFor(() => expect(lines().textContent).toMatch(/8am to 10pm/));
    const promise = screen.getByTestId('lines-promise').textContent ?? '';
    expect(promise).not.toMatch(/free|day and night/);
    expect(screen.queryByTestId('no-lines-known')).toBeNull();
  });

  it('says when two public lists disagreed on a country’s emergency number', async () => {
    backend(view('kp', true));
    render(Help);
    await waitFor(() => expect(screen.getByTestId('emergency-unsure').textContent).toMatch(/did not agree/));
  });
});
