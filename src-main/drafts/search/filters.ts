/** Search filters (status, section, language, date range) compiled into one predicate over documents. */
import type { DocRecord, SearchFilters } from './documents.js';

export function compileFilters(filters: SearchFilters): (doc: DocRecord) => boolean {
  const statuses = filters.status !== undefined && filters.status.length > 0 ? new Set<string>(filters.status) : undefined;
  const { section, language } = filters;
  let from = -Infinity;
  let to = Infinity;
  if (filters.updatedFrom !== undefined) {
    from = Date.parse(filters.updatedFrom);
    if (Number.isNaN(from)) throw new RangeError(`updatedFrom is not a date: ${filters.updatedFrom}`);
  }
  if (filters.updatedTo !== undefined) {
    to = Date.parse(filters.updatedTo);
    if (Number.isNaN(to)) throw new RangeError(`updatedTo is not a date: ${filters.updatedTo}`);
    if (/^\d{4}-\d{2}-\d{2}$/.test(filters.updatedTo)) to += 86_400_000 - 1;
  }
  const dated = from !== -Infinity || to !== Infinity;
  return (doc) =>
    (statuses === undefined || statuses.has(doc.status)) &&
    (section === undefined || doc.section === section) &&
    (language === undefined || doc.language === language) &&
    (!dated || (doc.updatedMs >= from && doc.updatedMs <= to));
}
