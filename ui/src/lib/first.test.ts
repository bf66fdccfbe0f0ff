import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { waitBriefly } from './first';

describe('waitBriefly', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** Resolves to how many (fake) milliseconds `waitBriefly` took, and what it gave. */
  async function timed<T>(ask: () => Promise<T>, waitMs: number) {
    const start = Date.now();
    let done: Awaited<ReturnType<typeof waitBriefly<T>>> | undefined;
    const p = waitBriefly(ask, waitMs).then((r) => (done = r));
    for (let t = 0; t <= waitMs + 10 && !done; t += 1) await vi.advanceTimersByTimeAsync(1);
    await p;
    return { ms: Date.now() - start, got: done! };
  }

  it('gives the answer as soon as it comes', async () => {
    const { ms, got } = await timed(() => new Promise((r) => setTimeout(() => r('today'), 8)), 250);
    expect(got.answer).toBe('today');
    expect(ms).toBeLessThan(250);
    await expect(got.asked).resolves.toBe('today');
  });

  it('never waits longer than its limit for an answer that does not come', async () => {
    const { ms, got } = await timed(() => new Promise<string>(() => {}), 250);
    expect(got.answer).toBeUndefined();
    expect(ms).toBeGreaterThanOrEqual(250);
    expect(ms).toBeLessThanOrEqual(251);
  });

  it('does not wait at all past a failure, and leaves the failure to whoever reads the question', async () => {
    const { ms, got } = await timed(() => Promise.reject(new Error('locked')), 250);
    expect(got.answer).toBeUndefined();
    expect(ms).toBeLessThan(5);
    await expect(got.asked).rejects.toThrow('locked');
  });

  it('answers within the limit whenever the answer comes, and with it only if it came in time', async () => {
    for (const after of [0, 1, 100, 249, 250, 251, 400]) {
      const { ms, got } = await timed(() => new Promise((r) => setTimeout(() => r(after), after)), 250);
      expect(ms).toBeLessThanOrEqual(251);
      if (after < 250) expect(got.answer).toBe(after);
      if (after > 250) expect(got.answer).toBeUndefined();
    }
  });
});
