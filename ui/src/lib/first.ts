// What the window waits for before its first render: the answer to one question, for at most
// a bounded time, so that the frame (and Get help in it) never waits on a slow or failing diary.

/** The question asked, and its answer if it came within `waitMs`. */
export interface FirstAnswer<T> {
  asked: Promise<T>;
  answer?: T;
}

/** Asks `ask()` at once and resolves when it answers, fails, or `waitMs` have passed,
 * whichever is first. Never rejects. */
export async function waitBriefly<T>(ask: () => Promise<T>, waitMs: number): Promise<FirstAnswer<T>> {
  const asked = ask();
  const out: FirstAnswer<T> = { asked };
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    asked.then(
      (a) => {
        out.answer = a;
      },
      () => {},
    ),
    new Promise<void>((r) => {
      timer = setTimeout(r, waitMs);
    }),
  ]);
  clearTimeout(timer);
  return out;
}
