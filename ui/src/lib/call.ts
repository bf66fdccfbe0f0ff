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

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw new ApiError(toErrorBody(e));
  }
}
