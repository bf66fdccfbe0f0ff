import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdleWatch } from './idle';

afterEach(() => vi.useRealTimers());

describe('the idle lock', () => {
  it('runs after the minutes without use, and any use starts them again', () => {
    vi.useFakeTimers();
    const idle = new IdleWatch(() => Date.now());
    const onIdle = vi.fn();
    const stop = idle.start(5, onIdle);
    vi.advanceTimersByTime(4 * 60_000);
    idle.used();
    vi.advanceTimersByTime(4 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000 + 5_000);
    expect(onIdle).toHaveBeenCalled();
    stop();
    onIdle.mockClear();
    vi.advanceTimersByTime(60 * 60_000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
