import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { api, ApiError, toErrorBody } from './api';

afterEach(() => clearMocks());

describe('api', () => {
  it('sends each command its arguments by name', async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return { days: [], more: false };
    });
    await api.history('2026-11-20', 14);
    await api.deleteEntry('craving', 7);
    expect(calls).toEqual([
      ['history', { before: '2026-11-20', days: 14 }],
      ['delete_entry', { kind: 'craving', id: 7 }],
    ]);
  });

  it('turns every rejection into { kind, message, field }', async () => {
    mockIPC(() => {
      throw { kind: 'invalid', message: 'Mood must be between 0 and 10.', field: 'mood' };
    });
    const err = await api.saveCheckin(null, { day: '2026-11-25', mood: 11, craving: 0, note: '', sleep: null }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.body).toEqual({ kind: 'invalid', message: 'Mood must be between 0 and 10.', field: 'mood' });
    expect(toErrorBody('invalid args `input`')).toMatchObject({ kind: 'storage', field: null });
    expect(toErrorBody('x').message).toMatch(/nothing was changed/);
  });
});
