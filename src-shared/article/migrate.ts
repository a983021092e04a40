/**
 * Forward migrations of stored stories. Each entry upgrades version N to N+1 on plain JSON;
 * `migrateStory` applies them in order, then the caller parses with the current `Story` schema.
 * A story from a newer Copydesk (unknown future version) is reported, never rewritten.
 */
import { STORY_SCHEMA_VERSION } from './schema.js';

type Json = Record<string, unknown>;

/** migrations[n] turns a version-n document into version n+1. Version 1 is the first format. */
const migrations: Readonly<Record<number, (doc: Json) => Json>> = {};

export type MigrationOutcome =
  | { readonly kind: 'current'; readonly doc: Json; readonly from: number }
  | { readonly kind: 'future'; readonly version: number }
  | { readonly kind: 'invalid'; readonly reason: string };

export function migrateStory(raw: unknown): MigrationOutcome {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { kind: 'invalid', reason: 'the file is not a JSON object' };
  const version = (raw as Json).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { kind: 'invalid', reason: 'schemaVersion is missing or not a positive whole number' };
  }
  if (version > STORY_SCHEMA_VERSION) return { kind: 'future', version };
  let doc = raw as Json;
  for (let v = version; v < STORY_SCHEMA_VERSION; v++) {
    const step = migrations[v];
    if (!step) return { kind: 'invalid', reason: `no migration from schemaVersion ${v}` };
    doc = { ...step(doc), schemaVersion: v + 1 };
  }
  return { kind: 'current', doc, from: version };
}
