import { describe, expect, it } from 'vitest';
import { compareWithDiary } from './backups';
import type { BackupInfo } from './bindings';

const backup = (checkins: number, cravings: number): BackupInfo => ({
  name: 'diary-20261204T100000Z-daily.sqlite3',
  madeAt: '2026-12-04T10:00:00Z',
  reason: 'daily',
  sizeBytes: 4096,
  counts: { checkins, cravings, doses: 0, symptomChecks: 0 },
  earlierPassphrase: false,
});

describe('a backup against the damaged diary', () => {
  it('names what restoring would leave out, by kind', () => {
    const s = compareWithDiary(backup(10, 1931), { checkins: 11, cravings: 1981, doses: 0, symptomChecks: 0 });
    expect(s).toContain('1 check-in and 50 cravings more');
  });

  it('says so when the backup holds everything the diary shows', () => {
    expect(compareWithDiary(backup(10, 5), { checkins: 10, cravings: 5, doses: 0, symptomChecks: 0 })).toContain('holds every entry');
  });

  it('says when the diary cannot be read to compare', () => {
    expect(compareWithDiary(backup(10, 5), null)).toContain('cannot be read to compare');
  });
});
