// The app itself, loaded by main.ts while the diary's status is on its way: Svelte, the frame
// and the first screen. Everything the first screen needs is here or in main.ts, so it never
// waits on a second load.
import { mount } from 'svelte';
import App from './App.svelte';
import type { Today } from './lib/bindings';

export function start(target: HTMLElement, first: Promise<Today>, status?: Today) {
  return mount(App, { target, props: { first, status } });
}
