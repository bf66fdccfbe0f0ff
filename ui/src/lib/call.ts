// Calling the core: every rejection becomes an ApiError with an ErrorBody the UI can show.
// The typed command functions are generated into ./commands.ts and call through here.
import { invoke } from '@tauri-apps/api/core';
import type { ErrorBody } from './bindings';

/** A rejected call, always in the `{ kind, message, field }` shape. */
export class ApiError extends Error {
  readonly body: ErrorBody;
  constructor(body: ErrorBody) {
    super(body.message);
    this.body = body;
  }
}

function isErrorBody(e: unknown): e is ErrorBody {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as ErrorBody).kind === 'string' &&
    typeof (e as ErrorBody).message === 'string'
  );
}

/** Anything a call can throw, as an ErrorBody the UI can show. */
export function toErrorBody(e: unknown): ErrorBody {
  if (e instanceof ApiError) return e.body;
  if (isErrorBody(e)) return { kind: e.kind, message: e.message, field: e.field ?? null };
  const detail = typeof e === 'string' ? e : e instanceof Error ? e.message : String(e);
  return {
    kind: 'storage',
    message: `Something went wrong, and nothing was changed. Please try again. (${detail})`,
    field: null,
  };
}

/** Who hears that a call was refused because the app is locked (the frame, to show the lock). */
const lockedListeners = new Set<() => void>();

export function onLocked(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => lockedListeners.delete(listener);
}

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    const body = toErrorBody(e);
    if (body.kind === 'locked') lockedListeners.forEach((l) => l());
    throw new ApiError(body);
  }
}
