/** Inputs and outputs of the `drafts:*` channels (the library of stories). */
import { z } from 'zod';
import { PhotoRef, Story, StoryContent, StoryId, StoryLanguage, StoryMeta, StoryStatus } from '../article/schema.js';

const IsoDate = z.iso.datetime({ offset: true });
const AbsolutePathLike = z.string().min(1).max(4096);

export const DraftSummary = z.object({
  id: StoryId,
  headline: z.string(),
  deck: z.string(),
  status: StoryStatus,
  language: StoryLanguage,
  section: z.string(),
  tags: z.array(z.string()),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  revision: z.number().int(),
  /** Visible characters in the body. */
  length: z.number().int(),
  /** Saved by a newer Copydesk: opens read-only. */
  readOnly: z.boolean(),
});
export type DraftSummary = z.infer<typeof DraftSummary>;

export const DamagedStory = z.object({
  id: z.string(),
  reason: z.string(),
  quarantinedTo: z.string(),
  /** The newest revision snapshot that can be restored, if any. */
  latestRevision: z.number().int().nullable(),
});
export type DamagedStory = z.infer<typeof DamagedStory>;

export const ListDraftsInput = z
  .object({
    query: z.string().max(500).optional(),
    status: z.array(StoryStatus).max(5).optional(),
    section: z.string().max(200).optional(),
    language: StoryLanguage.optional(),
    updatedFrom: IsoDate.optional(),
    updatedTo: IsoDate.optional(),
  })
  .strict()
  .optional()
  .nullable();

export const DraftList = z.object({
  stories: z.array(DraftSummary.extend({ snippet: z.string().optional() })),
  damaged: z.array(DamagedStory),
});
export type DraftList = z.infer<typeof DraftList>;

export const CreateDraftInput = z
  .object({
    headline: StoryMeta.shape.headline.optional(),
    language: StoryLanguage.optional(),
    section: StoryMeta.shape.section.optional(),
  })
  .strict();

export const IdInput = z.object({ id: StoryId }).strict();

export const OpenedDraft = z.object({
  story: Story,
  readOnly: z.boolean(),
  /** Why the story cannot be edited (e.g. saved by a newer version), or null. */
  readOnlyReason: z.string().nullable(),
});
export type OpenedDraft = z.infer<typeof OpenedDraft>;

export const SaveDraftInput = z
  .object({
    id: StoryId,
    /** The revision the editor's copy is based on; a different current revision is a conflict. */
    baseRevision: z.number().int().min(0),
    meta: StoryMeta,
    content: StoryContent,
    photos: z.array(PhotoRef).max(1000).optional(),
  })
  .strict();
export type SaveDraftInput = z.infer<typeof SaveDraftInput>;

export const SavedDraft = z.object({ id: StoryId, revision: z.number().int(), updatedAt: IsoDate, snapshot: z.boolean() });
export type SavedDraft = z.infer<typeof SavedDraft>;

export const SetStatusInput = z.object({ id: StoryId, status: StoryStatus, by: z.string().min(1).max(200).optional() }).strict();
export const RenameInput = z.object({ id: StoryId, headline: StoryMeta.shape.headline }).strict();
export const SaveVersionInput = z.object({ id: StoryId, label: z.string().trim().min(1).max(200) }).strict();
export const RevisionInput = z.object({ id: StoryId, revision: z.number().int().min(0) }).strict();

export const RevisionInfo = z.object({
  revision: z.number().int(),
  savedAt: IsoDate,
  reason: z.string(),
  label: z.string().nullable(),
  headline: z.string(),
  status: StoryStatus,
});
export type RevisionInfo = z.infer<typeof RevisionInfo>;

export const TrashedDraft = z.object({ id: StoryId, headline: z.string(), trashedAt: IsoDate });

export const PackInput = z.object({ id: StoryId, file: AbsolutePathLike, includeRevisions: z.boolean().optional() }).strict();
export const PackResult = z.object({ file: z.string(), bytes: z.number().int(), entries: z.number().int() });
export const UnpackInput = z.object({ file: AbsolutePathLike }).strict();
export const UnpackResult = z.object({
  id: StoryId,
  /** True when the package's id already existed with other content and a copy was made. */
  copied: z.boolean(),
  /** True when the same story (same content) was already in the library: nothing changed. */
  unchanged: z.boolean(),
  message: z.string(),
});

export const CheckProblem = z.object({ id: z.string(), problem: z.string() });
export const CheckReport = z.object({ stories: z.number().int(), problems: z.array(CheckProblem) });
