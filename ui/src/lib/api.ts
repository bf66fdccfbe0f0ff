// The one door to the Rust core. Components call these functions, never `invoke` itself, so the
// command names and argument shapes live in one place and unit tests can mock IPC here.
import { invoke } from '@tauri-apps/api/core';
import type {
  ChartKind,
  CheckinInput,
  CheckinView,
  CravingInput,
  Dashboard,
  Range,
  Theme,
  CravingView,
  EntryKind,
  ErrorBody,
  ExportFormat,
  HistoryPage,
  SleepInput,
  SleepSummary,
  Today,
} from './bindings';

export type { ErrorBody };

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

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw new ApiError(toErrorBody(e));
  }
}

export const api = {
  status: () => call<Today>('app_status'),
  saveCheckin: (id: number | null, input: CheckinInput) =>
    call<CheckinView>('save_checkin', { id, input }),
  previewSleep: (day: string, input: SleepInput) =>
    call<SleepSummary>('preview_sleep', { day, input }),
  saveCraving: (id: number | null, input: CravingInput) =>
    call<CravingView>('save_craving', { id, input }),
  deleteEntry: (kind: EntryKind, id: number) => call<null>('delete_entry', { kind, id }),
  restoreEntry: (kind: EntryKind, id: number) => call<null>('restore_entry', { kind, id }),
  history: (before: string | null, days: number) => call<HistoryPage>('history', { before, days }),
  dashboard: (range: Range, theme: Theme) => call<Dashboard>('dashboard', { range, theme }),
  /** Resolves to where the file was saved, or null when the person cancelled. */
  exportChart: (chart: ChartKind, range: Range, theme: Theme, format: ExportFormat, png: number[] | null) =>
    call<string | null>('export_chart', { chart, range, theme, format, png }),
};
