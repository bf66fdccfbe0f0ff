import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import KeepInStep from './KeepInStep.svelte';
import type { SyncView } from '../../lib/bindings';

afterEach(() => {
  cleanup();
  clearMocks();
});

const view = (newKeyNeeded: boolean): SyncView => ({
  setUp: true,
  folder: '/home/me/Sync/diary',
  computer: 'Home laptop',
  status: newKeyNeeded ? 'Two computers were removed at about the same time…' : 'Up to date at 09:00.',
  trouble: newKeyNeeded,
  recoveryCode: null,
  computers: [
    { id: 'aa', name: 'Home laptop', this: true, lastChange: null },
    { id: 'bb', name: 'Work laptop', this: false, lastChange: '2026-11-20 09:00' },
  ],
  newKeyNeeded,
});

describe('Keep in step', () => {
  it('offers a new key when the card asks for one, asks for the code, and does not offer it twice', async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'sync_status') return view(true);
      if (cmd === 'renew_sync_key') {
        asked.push(args);
        if ((args as { code: string }).code !== 'right code') {
          throw { kind: 'invalid', message: 'That recovery code does not open this shared diary.', field: 'recoveryCode' };
        }
        // The card is answered from the last step, which ran before the new key existed.
        return view(true);
      }
      throw { kind: 'storage', message: `unexpected ${cmd}`, field: null };
    });
    render(KeepInStep, { onchanged: () => {} });
    const open = await screen.findByTestId('sync-new-key');
    expect(open.textContent).toBe('Make a new key…');
    await fireEvent.click(open);
    const input = screen.getByTestId('sync-remove-code') as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    const confirm = screen.getByTestId('sync-remove-confirm') as HTMLButtonElement;
    expect(confirm.textContent).toBe('Make a new key');
    expect(confirm.disabled).toBe(true);

    await fireEvent.input(input, { target: { value: 'wrong code' } });
    await fireEvent.click(confirm);
    await waitFor(() => expect(screen.getByTestId('sync-problem').textContent).toMatch(/does not open/));
    expect(input.getAttribute('aria-invalid')).toBe('true');

    await fireEvent.input(input, { target: { value: 'right code' } });
    await fireEvent.click(confirm);
    await waitFor(() => expect(screen.getByTestId('sync-removed').textContent).toMatch(/A new key was made/));
    expect(asked).toEqual([{ code: 'wrong code' }, { code: 'right code' }]);
    // Not offered again before the sync thread has taken the key just made.
    expect(screen.queryByTestId('sync-new-key')).toBeNull();
    expect(screen.queryByTestId('sync-remove-box')).toBeNull();
  });

  it('shows no new-key button when all is well', async () => {
    mockIPC((cmd) => (cmd === 'sync_status' ? view(false) : null));
    render(KeepInStep, { onchanged: () => {} });
    await screen.findByText('Up to date at 09:00.');
    expect(screen.queryByTestId('sync-new-key')).toBeNull();
  });
});
