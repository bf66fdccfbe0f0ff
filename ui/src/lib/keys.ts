// Enter saves a form from any of its controls, as it does from a text box: also from a radio
// button or checkbox, and with Ctrl/Cmd+Enter from a multi-line note (where Enter is a new line).
export function enterSubmits(e: KeyboardEvent): void {
  if (e.key !== 'Enter') return;
  const t = e.target;
  const choice = t instanceof HTMLInputElement && (t.type === 'radio' || t.type === 'checkbox');
  const note = t instanceof HTMLTextAreaElement && (e.ctrlKey || e.metaKey);
  if (!choice && !note) return;
  e.preventDefault();
  (t as HTMLInputElement | HTMLTextAreaElement).form?.requestSubmit();
}
