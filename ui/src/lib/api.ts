// The one door to the Rust core. Components call these functions, never `invoke` itself. The
// command functions are generated from the Rust signatures (./commands.ts); only what is not
// generated lives here: the error type and the reminder channel's callback.
import { Channel } from '@tauri-apps/api/core';
import type { ErrorBody, ReminderEvent } from './bindings';
import { commands } from './commands';

export type { ErrorBody };
export { ApiError, onLocked, toErrorBody } from './call';

export const api = {
  ...commands,
  /** Calls `onEvent` for in-app reminders and for changes made outside the window. */
  watchReminders: (onEvent: (e: ReminderEvent) => void) => {
    const channel = new Channel<ReminderEvent>();
    channel.onmessage = onEvent;
    return commands.watchReminders(channel);
  },
};
