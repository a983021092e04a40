import { describe, expect, it } from 'vitest';
import { parseRevisionName, revisionFileName, revisionsToThin, snapshotDue, sortRevisions, type RevisionName } from './revisions.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.UTC(2026, 10, 27, 12, 0, 0);

function rev(revision: number, savedAtMs: number, reason: RevisionName['reason'] = 'auto'): RevisionName {
  return { file: revisionFileName(revision, savedAtMs, reason), revision, savedAtMs, reason };
}

describe('revision names', () => {
  it('round-trip and ignore strays', () => {
    const name = revisionFileName(42, now, 'manual');
    expect(name).toBe(`0000000042-${now}-manual.json`);
    expect(parseRevisionName(name)).toEqual({ file: name, revision: 42, savedAtMs: now, reason: 'manual' });
    expect(parseRevisionName('.0000000042-1-auto.json.abc.tmp')).toBeNull();
    expect(parseRevisionName(`0000000042-${now}-bogus.json`)).toBeNull();
    expect(
      sortRevisions([revisionFileName(2, now - 5, 'auto'), 'notes.txt', revisionFileName(1, now, 'created')]).map((r) => r.revision),
    ).toEqual([1, 2]);
  });

  it('an autosave snapshot is due five minutes after the last one', () => {
    expect(snapshotDue([], now)).toBe(true);
    expect(snapshotDue([rev(1, now - 4 * 60_000)], now)).toBe(false);
    expect(snapshotDue([rev(1, now - 5 * 60_000)], now)).toBe(true);
    // another machine's clock ran ahead: the most recent time counts, not the highest revision
    expect(snapshotDue([rev(1, now - 60_000), rev(2, now - 10 * 60_000)], now)).toBe(false);
  });
});

describe('revisionsToThin', () => {
  it('keeps everything younger than 30 days', () => {
    const revisions = Array.from({ length: 50 }, (_, i) => rev(i, now - i * 60_000));
    expect(revisionsToThin(revisions, now)).toEqual([]);
  });

  it('keeps the newest per hour from 30 to 90 days, then the newest per day', () => {
    const base = now - 40 * DAY;
    const hourBase = Math.floor(base / HOUR) * HOUR;
    const sameHour = [rev(1, hourBase + 60_000), rev(2, hourBase + 120_000), rev(3, hourBase + 180_000)];
    const dayBase = Math.floor((now - 120 * DAY) / DAY) * DAY;
    const sameDay = [rev(4, dayBase + HOUR), rev(5, dayBase + 5 * HOUR), rev(6, dayBase + 9 * HOUR)];
    const newest = rev(99, now);
    const removed = revisionsToThin([...sameHour, ...sameDay, newest], now)
      .map((r) => r.revision)
      .sort((a, b) => a - b);
    expect(removed).toEqual([1, 2, 4, 5]);
  });

  it('never thins named versions, status changes or restores', () => {
    const old = now - 200 * DAY;
    const revisions = [
      rev(1, old, 'manual'),
      rev(2, old + 1, 'status'),
      rev(3, old + 2, 'restore'),
      rev(4, old + 3, 'auto'),
      rev(5, old + 4, 'auto'),
    ];
    expect(revisionsToThin(revisions, now).map((r) => r.revision)).toEqual([4]);
  });

  it('is configurable', () => {
    const revisions = [rev(1, now - 2 * DAY), rev(2, now - 2 * DAY + 1000), rev(3, now)];
    expect(revisionsToThin(revisions, now, { keepAllDays: 1, keepHourlyDays: 10 }).map((r) => r.revision)).toEqual([1]);
  });
});
