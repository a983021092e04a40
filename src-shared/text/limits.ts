/**
 * Where a count stands against a length limit (headline limit, story target length).
 *
 * - `none`: no limit (`null`); `remaining` is null.
 * - `over`: count > limit.
 * - `near`: within 10% of the limit, and at least within 1: remaining <= max(1, limit × 10%).
 *   Exactly at the limit is near, not over. (Limit 25: 23–25 are near, 22 is ok.)
 * - `ok`: anything below that.
 * `remaining` is limit − count: negative when over.
 */
export type LengthState = 'none' | 'ok' | 'near' | 'over';

export interface LengthStatus {
  state: LengthState;
  remaining: number | null;
}

export function lengthStatus(count: number, limit: number | null): LengthStatus {
  if (!Number.isFinite(count) || count < 0) throw new RangeError(`lengthStatus: count must be a non-negative number, got ${count}`);
  if (limit === null) return { state: 'none', remaining: null };
  if (!Number.isFinite(limit) || limit < 0) throw new RangeError(`lengthStatus: limit must be a non-negative number or null, got ${limit}`);
  const remaining = limit - count;
  if (remaining < 0) return { state: 'over', remaining };
  if (remaining <= Math.max(1, limit * 0.1)) return { state: 'near', remaining };
  return { state: 'ok', remaining };
}
