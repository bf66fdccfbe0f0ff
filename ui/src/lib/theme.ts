// The OS colour scheme, for charts drawn in the core: read now and followed as it changes.
import type { Theme } from './bindings';

/** Calls `set` with the OS theme now and on every change; returns the clean-up. */
export function followTheme(set: (t: Theme) => void): () => void {
  const dark = window.matchMedia?.('(prefers-color-scheme: dark)');
  set(dark?.matches ? 'dark' : 'light');
  const follow = (e: MediaQueryListEvent) => set(e.matches ? 'dark' : 'light');
  dark?.addEventListener('change', follow);
  return () => dark?.removeEventListener('change', follow);
}
