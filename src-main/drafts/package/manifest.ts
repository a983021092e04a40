/**
 * The manifest of a `.cdraft` package (`copydesk-package.json`, the first zip entry): what the
 * package is, which story it carries and, for every other entry, its size and SHA-256. Written by
 * pack.ts, checked by extract.ts before a single byte of the package is written to disk.
 */
import { z } from 'zod';
import { OpFailure } from '../../../src-shared/api/result.js';
import { StoryId } from '../../../src-shared/article/schema.js';
import { checkEntryPath, describeEntryName, isDirectoryEntry, MANIFEST_ENTRY, MAX_ENTRY_PATH_CHARS, STORY_ENTRY } from './entryPath.js';

export const PACKAGE_FORMAT = 'copydesk-draft';
export const PACKAGE_FORMAT_VERSION = 1;
/** The manifest is read into memory; 100 000 files at ~150 bytes each stay well under this. */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

export const PackageFile = z.object({
  /** Relative to the story folder, forward slashes; must pass `checkEntryPath`. */
  path: z.string().min(1).max(MAX_ENTRY_PATH_CHARS),
  bytes: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'not a lowercase hex SHA-256'),
});
export type PackageFile = z.infer<typeof PackageFile>;

export const PackageManifest = z.object({
  format: z.literal(PACKAGE_FORMAT),
  formatVersion: z.literal(PACKAGE_FORMAT_VERSION),
  storyId: StoryId,
  createdAt: z.iso.datetime({ offset: true }),
  includesRevisions: z.boolean(),
  files: z.array(PackageFile).min(1).max(100_000),
});
export type PackageManifest = z.infer<typeof PackageManifest>;

function invalid(message: string): OpFailure {
  return new OpFailure('invalid-input', message);
}

/** Case-folded key for duplicate detection: Windows and macOS file systems fold case by default. */
export function foldedPath(path: string): string {
  return path.normalize('NFC').toLowerCase();
}

export function buildManifest(
  storyId: string,
  includesRevisions: boolean,
  files: readonly PackageFile[],
  now = new Date(),
): PackageManifest {
  return {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    storyId,
    createdAt: now.toISOString(),
    includesRevisions,
    files: files.map(({ path, bytes, sha256 }) => ({ path, bytes, sha256 })),
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'manifest'}: ${issue.message}`)
    .join('; ');
}

/**
 * Parses and checks the manifest text. `packageName` names the package in messages (its file
 * name). Throws `OpFailure('invalid-input')` saying exactly what is wrong.
 */
export function parseManifest(text: string, packageName: string): PackageManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw invalid(`${packageName} is damaged: its ${MANIFEST_ENTRY} is not valid JSON.`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid(`${packageName} is damaged: its ${MANIFEST_ENTRY} is not a JSON object.`);
  }
  const { format, formatVersion } = raw as Record<string, unknown>;
  if (format !== PACKAGE_FORMAT) {
    const said = typeof format === 'string' ? `"${format.slice(0, 80)}"` : 'no format';
    throw invalid(`${packageName} is not a Copydesk draft package: its manifest says ${said}, expected "${PACKAGE_FORMAT}".`);
  }
  if (typeof formatVersion === 'number' && Number.isInteger(formatVersion) && formatVersion > PACKAGE_FORMAT_VERSION) {
    throw invalid(
      `${packageName} was made by a newer version of Copydesk (package format version ${formatVersion}; ` +
        `this version reads version ${PACKAGE_FORMAT_VERSION}). Update Copydesk to open it.`,
    );
  }
  const parsed = PackageManifest.safeParse(raw);
  if (!parsed.success) throw invalid(`${packageName} has a damaged manifest (${describeIssues(parsed.error)}).`);
  const manifest = parsed.data;

  const seen = new Set<string>();
  for (const file of manifest.files) {
    const check = checkEntryPath(file.path);
    if (!check.ok) throw invalid(`${packageName} has a damaged manifest: ${check.reason}`);
    if (isDirectoryEntry(file.path) || file.path === MANIFEST_ENTRY) {
      throw invalid(`${packageName} has a damaged manifest: it lists ${describeEntryName(file.path)} as a file.`);
    }
    const key = foldedPath(file.path);
    if (seen.has(key)) throw invalid(`${packageName} has a damaged manifest: it lists ${describeEntryName(file.path)} twice.`);
    seen.add(key);
    if (!manifest.includesRevisions && file.path.startsWith('revisions/')) {
      throw invalid(`${packageName} has a damaged manifest: it says it has no revisions but lists ${describeEntryName(file.path)}.`);
    }
  }
  if (!seen.has(STORY_ENTRY)) throw invalid(`${packageName} has a damaged manifest: it does not list ${STORY_ENTRY}.`);
  return manifest;
}
