// What a backup holds against what the damaged diary still shows, in words, so the screen
// shown when the diary cannot be opened never offers to lose entries without saying so.
import type { BackupInfo, EntryCounts } from './bindings';

const KINDS: [keyof EntryCounts, string, string][] = [
  ['checkins', 'check-in', 'check-ins'],
  ['cravings', 'craving', 'cravings'],
  ['doses', 'dose', 'doses'],
  ['symptomChecks', 'symptom check', 'symptom checks'],
];

function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function list(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** `damaged`: what the damaged diary still shows, or null when it cannot be read at all. */
export function compareWithDiary(backup: BackupInfo, damaged: EntryCounts | null): string {
  if (!backup.counts) return '';
  if (!damaged) {
    return 'The damaged diary cannot be read to compare, so anything written after this backup was made may not be in it.';
  }
  const held = backup.counts;
  const more = KINDS.filter(([k]) => damaged[k] > held[k]).map(([k, one, many]) => counted(damaged[k] - held[k], one, many));
  if (more.length === 0) {
    return 'As far as the damaged diary can still be read, this backup holds every entry it shows.';
  }
  return `The damaged diary still shows ${list(more)} more than this backup holds: restoring it would leave those out of the diary.`;
}
