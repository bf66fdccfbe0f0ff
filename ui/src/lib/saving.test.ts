import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { Saving } from './saving.svelte';

describe('Saving, the one way a form saves', () => {
  it('runs one save at a time', async () => {
    const s = new Saving('f', ['a']);
    let calls = 0;
    let release: (v: string) => void = () => {};
    const first = s.run(() => {
      calls += 1;
      return new Promise<string>((r) => (release = r));
    });
    expect(s.saving).toBe(true);
    // A second press while the first is on its way does nothing.
    expect(await s.run(async () => ((calls += 1), 'again'))).toBeUndefined();
    release('saved');
    expect(await first).toBe('saved');
    expect(calls).toBe(1);
    expect(s.saving).toBe(false);
  });

  it('puts the core’s sentence on its field, or keeps it as one general sentence', async () => {
    const s = new Saving('f', ['a', 'b']);
    const field = await s.run(() => Promise.reject(new ApiError({ kind: 'invalid', message: 'Too big.', field: 'b' })));
    expect(field).toBeUndefined();
    expect(s.errors).toEqual({ b: 'Too big.' });
    expect(s.general).toBeNull();
    await s.run(() => Promise.reject('the disk is full'));
    expect(s.errors).toEqual({});
    expect(s.general).toMatch(/nothing was changed/);
    expect(await s.run(async () => 1)).toBe(1);
    expect(s.general).toBeNull();
    s.clear();
    expect(s.errors).toEqual({});
  });
});
