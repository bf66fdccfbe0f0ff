import { describe, expect, it } from 'vitest';
import { enterSubmits } from './keys';

function formWith(html: string) {
  document.body.innerHTML = `<form>${html}</form>`;
  const form = document.querySelector('form')!;
  let submits = 0;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submits += 1;
  });
  form.addEventListener('keydown', enterSubmits);
  const press = (sel: string, init: KeyboardEventInit = {}) =>
    document.querySelector(sel)!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...init }));
  return { press, submits: () => submits };
}

describe('enterSubmits', () => {
  it('saves from a radio button or checkbox', () => {
    const f = formWith('<input type="radio" name="a"><input type="checkbox">');
    f.press('input[type=radio]');
    f.press('input[type=checkbox]');
    expect(f.submits()).toBe(2);
  });

  it('keeps Enter a new line in a note, and saves on Ctrl+Enter', () => {
    const f = formWith('<textarea></textarea>');
    expect(f.press('textarea')).toBe(true);
    expect(f.submits()).toBe(0);
    f.press('textarea', { ctrlKey: true });
    expect(f.submits()).toBe(1);
  });

  it('ignores other keys', () => {
    const f = formWith('<input type="radio" name="a">');
    document.querySelector('input')!.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    expect(f.submits()).toBe(0);
  });
});
