// Moves keyboard focus to the first field with an error, in the order the form reads.
import { tick } from 'svelte';
import { controlId, type FieldErrors } from './forms';

export async function focusFirstError(form: string, order: string[], errors: FieldErrors): Promise<void> {
  const first = order.find((f) => errors[f]) ?? Object.keys(errors)[0];
  if (!first) return;
  await tick();
  const el = document.getElementById(controlId(form, first));
  if (!el) return;
  const target =
    el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
      ? el
      : (el.querySelector<HTMLElement>('input:checked, input, textarea, button') ?? el);
  target.focus();
}
