/** Filters and ordering for the story list (newest change first). */
import type { DraftSummary } from '../../src-shared/api/drafts.js';
import type { StoryLanguage, StoryStatus } from '../../src-shared/article/schema.js';

export interface ListFilters {
  readonly status?: readonly StoryStatus[] | undefined;
  readonly section?: string | undefined;
  readonly language?: StoryLanguage | undefined;
  readonly updatedFrom?: string | undefined;
  readonly updatedTo?: string | undefined;
}

export function matchesFilters(summary: DraftSummary, filters: ListFilters): boolean {
  if (filters.status?.length && !filters.status.includes(summary.status)) return false;
  if (filters.section !== undefined && summary.section !== filters.section) return false;
  if (filters.language !== undefined && summary.language !== filters.language) return false;
  const updated = Date.parse(summary.updatedAt);
  if (filters.updatedFrom !== undefined && updated < Date.parse(filters.updatedFrom)) return false;
  if (filters.updatedTo !== undefined && updated > Date.parse(filters.updatedTo)) return false;
  return true;
}

export function filterSummaries(summaries: readonly DraftSummary[], filters: ListFilters): DraftSummary[] {
  return summaries
    .filter((s) => matchesFilters(s, filters))
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id));
}
