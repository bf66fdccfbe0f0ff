// The one door to the Rust core. Components call these functions, never `invoke` itself, so the
// command names and argument shapes live in one place and unit tests can mock IPC here.
import { Channel, invoke } from '@tauri-apps/api/core';
import type {
  ChartKind,
  DesktopStatus,
  Pause,
  ReminderEvent,
  ReminderInput,
  ReminderSettings,
  ReminderView,
  RemindersView,
  WaterToday,
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
  ContactInput,
  DoseInput,
  DoseLogged,
  HelpView,
  Journey,
  PlanView,
  RecoveryPlan,
  TaperPreview,
  Symptom,
  SymptomAxis,
  SymptomCheck,
  SymptomInput,
  SymptomTrend,
  TaperInput,
  TaperView,
  UrgeSurfInput,
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
  /** Calls `onEvent` for in-app reminders and for changes made outside the window. */
  watchReminders: (onEvent: (e: ReminderEvent) => void) => {
    const channel = new Channel<ReminderEvent>();
    channel.onmessage = onEvent;
    return call<null>('watch_reminders', { onEvent: channel });
  },
  reminders: () => call<RemindersView>('reminders'),
  saveReminder: (id: number | null, input: ReminderInput) => call<ReminderView>('save_reminder', { id, input }),
  deleteReminder: (id: number) => call<null>('delete_reminder', { id }),
  snoozeReminder: (id: number, minutes: number) => call<ReminderView>('snooze_reminder', { id, minutes }),
  pauseReminder: (id: number, pause: Pause) => call<ReminderView>('pause_reminder', { id, pause }),
  pauseAllReminders: (pause: Pause) => call<RemindersView>('pause_all_reminders', { pause }),
  saveReminderSettings: (settings: ReminderSettings) => call<RemindersView>('save_reminder_settings', { settings }),
  logWater: () => call<WaterToday>('log_water'),
  undoWater: () => call<WaterToday>('undo_water'),
  notificationStatus: () => call<DesktopStatus>('notification_status'),
  testNotification: () => call<DesktopStatus>('test_notification'),
  startAtLogin: () => call<boolean>('start_at_login'),
  setStartAtLogin: (enabled: boolean) => call<boolean>('set_start_at_login', { enabled }),
  quit: () => call<null>('quit_app'),
  logDose: (input: DoseInput) => call<DoseLogged>('log_dose', { input }),
  journey: () => call<Journey>('journey'),
  symptomCheck: (day: string) => call<SymptomCheck>('symptom_check', { day }),
  saveSymptoms: (input: SymptomInput) => call<SymptomCheck>('save_symptoms', { input }),
  symptomTrend: (shown: Symptom[], axis: SymptomAxis, theme: Theme) =>
    call<SymptomTrend>('symptom_trend', { shown, axis, theme }),
  taper: (theme: Theme) => call<TaperView>('taper', { theme }),
  previewTaper: (input: TaperInput) => call<TaperPreview>('preview_taper', { input }),
  saveTaperPlan: (input: TaperInput, theme: Theme) => call<TaperView>('save_taper_plan', { input, theme }),
  holdTaperStep: (days: number, theme: Theme) => call<TaperView>('hold_taper_step', { days, theme }),
  endTaperPlan: (theme: Theme) => call<TaperView>('end_taper_plan', { theme }),
  recoveryPlan: () => call<PlanView>('recovery_plan'),
  saveRecoveryPlan: (input: RecoveryPlan) => call<PlanView>('save_recovery_plan', { input }),
  saveContact: (id: number | null, input: ContactInput) => call<PlanView>('save_contact', { id, input }),
  deleteContact: (id: number) => call<PlanView>('delete_contact', { id }),
  help: () => call<HelpView>('help_view'),
  setCrisisRegion: (region: string) => call<HelpView>('set_crisis_region', { region }),
  logUrgeSurf: (input: UrgeSurfInput) => call<CravingView>('log_urge_surf', { input }),
};
