/**
 * The story file (`story.json`): metadata, the editor's Lexical state (opaque here) and photo
 * references. Versioned by `schemaVersion`; every read goes through `migrateStory` then `Story`.
 * Described for humans in docs/FORMAT.md.
 */
import { z } from 'zod';

export const STORY_SCHEMA_VERSION = 1;
/** The Lexical editor state is stored as JSON; above this size a save is refused. */
export const MAX_EDITOR_STATE_BYTES = 8 * 1024 * 1024;

export const storyStatuses = ['draft', 'ready', 'editing', 'approved', 'filed'] as const;
export const StoryStatus = z.enum(storyStatuses);
export type StoryStatus = z.infer<typeof StoryStatus>;

export const StoryLanguage = z.enum(['zh-Hant', 'zh-Hans', 'en']);
export type StoryLanguage = z.infer<typeof StoryLanguage>;

/** Crockford base32 ULID: 48-bit time + 80-bit randomness, sortable by creation. */
export const StoryId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a story id (26-character ULID)');
export type StoryId = z.infer<typeof StoryId>;

const IsoDate = z.iso.datetime({ offset: true });
/** Free text from people: any Unicode, but no NUL, and bounded. */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'contains a NUL character');

export const StoryMeta = z.object({
  headline: text(1000),
  deck: text(4000),
  slug: text(200),
  section: text(200),
  language: StoryLanguage,
  status: StoryStatus,
  tags: z.array(text(100).pipe(z.string().min(1))).max(100),
  editorsNote: text(20_000),
  /** The length the desk asked for, in 字 (Chinese characters + words), or absent. */
  targetLength: z.number().int().min(1).max(1_000_000).nullable().optional(),
});
export type StoryMeta = z.infer<typeof StoryMeta>;

export const StatusChange = z.object({ status: StoryStatus, by: text(200), at: IsoDate });
export type StatusChange = z.infer<typeof StatusChange>;

/** A photo used by the story: content-addressed original in the story's photos/ folder. */
export const PhotoRef = z.object({
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  ext: z.string().regex(/^\.[a-z0-9]{2,5}$/),
});
export type PhotoRef = z.infer<typeof PhotoRef>;

export const EditorState = z
  .unknown()
  .nullable()
  .refine(
    (value) => value === null || jsonBytes(value) <= MAX_EDITOR_STATE_BYTES,
    `editor state is larger than ${MAX_EDITOR_STATE_BYTES / 1024 / 1024} MB`,
  );

export const StoryContent = z.object({ editorState: EditorState });

export const Story = z.object({
  schemaVersion: z.literal(STORY_SCHEMA_VERSION),
  id: StoryId,
  /** Incremented by every accepted save; a save based on an older revision is a conflict. */
  revision: z.number().int().min(0),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  meta: StoryMeta,
  statusHistory: z.array(StatusChange).max(10_000),
  content: StoryContent,
  photos: z.array(PhotoRef).max(1000),
});
export type Story = z.infer<typeof Story>;

/** UTF-8 size of a value's JSON (counted here: src-shared has no TextEncoder in its lib). */
export function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value) ?? '';
  let bytes = json.length;
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 2; // a surrogate pair: 4 bytes for 2 UTF-16 units
      i++;
    } else bytes += 2;
  }
  return bytes;
}

export function emptyMeta(language: StoryLanguage): StoryMeta {
  return { headline: '', deck: '', slug: '', section: '', language, status: 'draft', tags: [], editorsNote: '' };
}
