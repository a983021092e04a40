/**
 * Revision snapshots: `revisions/<revision>-<epoch ms>-<reason>.json`, each a whole story plus
 * an optional label. The name carries what the policy needs, so deciding when to snapshot and
 * what to thin takes one readdir. Snapshots are never edited; restore writes a new revision.
 */
import { z } from 'zod';
import type { RevisionInfo } from '../../src-shared/api/drafts.js';
import { Story } from '../../src-shared/article/schema.js';

export const revisionReasons = ['created', 'auto', 'status', 'manual', 'restore', 'import', 'before-recovery'] as const;
export type RevisionReason = (typeof revisionReasons)[number];

export const SNAPSHOT_INTERVAL_MS = 5 * 60 * 1000;

export const RevisionFile = z.object({
  revision: z.number().int().min(0),
  savedAt: z.iso.datetime({ offset: true }),
  reason: z.enum(revisionReasons),
  label: z.string().max(200).nullable(),
  story: Story,
});
export type RevisionFile = z.infer<typeof RevisionFile>;

export interface RevisionName {
  readonly file: string;
  readonly revision: number;
  readonly savedAtMs: number;
  readonly reason: RevisionReason;
}

const NAME = /^(\d{10})-(\d{13})-([a-z-]+)\.json$/;

export function revisionFileName(revision: number, savedAtMs: number, reason: RevisionReason): string {
  return `${String(revision).padStart(10, '0')}-${String(savedAtMs).padStart(13, '0')}-${reason}.json`;
}

export function parseRevisionName(file: string): RevisionName | null {
  const match = NAME.exec(file);
  if (!match || !(revisionReasons as readonly string[]).includes(match[3]!)) return null;
  return { file, revision: Number(match[1]), savedAtMs: Number(match[2]), reason: match[3] as RevisionReason };
}

/**
 * Oldest first, by revision number (which only grows), then time: clocks differ between the
 * machines a story travels through, revision numbers do not. Strays (temp files) are ignored.
 */
export function sortRevisions(files: readonly string[]): RevisionName[] {
  return files
    .map(parseRevisionName)
    .filter((r): r is RevisionName => r !== null)
    .sort((a, b) => a.revision - b.revision || a.savedAtMs - b.savedAtMs);
}

/** An autosave snapshot is due when the most recent snapshot is at least five minutes old. */
export function snapshotDue(revisions: readonly RevisionName[], nowMs: number): boolean {
  if (revisions.length === 0) return true;
  const latest = Math.max(...revisions.map((r) => r.savedAtMs));
  return nowMs - latest >= SNAPSHOT_INTERVAL_MS;
}

export interface RetentionPolicy {
  /** Every snapshot younger than this is kept. */
  readonly keepAllDays: number;
  /** Between keepAllDays and this, the newest snapshot of each hour; older, the newest of each day. */
  readonly keepHourlyDays: number;
}

export const defaultRetention: RetentionPolicy = { keepAllDays: 30, keepHourlyDays: 90 };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Which snapshots thinning removes. Never removed: anything younger than keepAllDays, named
 * versions, status changes, restores, recoveries and the newest snapshot overall.
 */
export function revisionsToThin(
  revisions: readonly RevisionName[],
  nowMs: number,
  policy: RetentionPolicy = defaultRetention,
): RevisionName[] {
  const protectedReasons = new Set<RevisionReason>(['manual', 'status', 'restore', 'before-recovery', 'created']);
  const kept = new Set<string>();
  const remove: RevisionName[] = [];
  const newestFirst = [...revisions].sort((a, b) => b.savedAtMs - a.savedAtMs);
  newestFirst.forEach((rev, index) => {
    const age = nowMs - rev.savedAtMs;
    if (age < policy.keepAllDays * DAY) return;
    const bucket = age < policy.keepHourlyDays * DAY ? `h${Math.floor(rev.savedAtMs / HOUR)}` : `d${Math.floor(rev.savedAtMs / DAY)}`;
    const mustKeep = index === 0 || protectedReasons.has(rev.reason);
    if (kept.has(bucket) && !mustKeep) remove.push(rev);
    kept.add(bucket);
  });
  return remove;
}

/** What the revision list shows of one snapshot. */
export function revisionInfo(file: RevisionFile): RevisionInfo {
  return {
    revision: file.revision,
    savedAt: file.savedAt,
    reason: file.reason,
    label: file.label,
    headline: file.story.meta.headline,
    status: file.story.meta.status,
  };
}
