/** `copydesk new|list|show|set|rm|trash|untrash|history|restore|recover|pack|unpack|check`. */
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { DraftSummary } from '../../src-shared/api/drafts.js';
import { editorStateText } from '../../src-shared/article/text.js';
import { StoryLanguage, StoryMeta, StoryStatus, type Story } from '../../src-shared/article/schema.js';
import { call, print, UsageError, type CommandContext } from './cliSupport.js';

export const DRAFT_HELP = `  new --headline T [--lang zh-Hant|zh-Hans|en] [--section S]
                        Create a story; prints its id
  list [--status S[,S…]] [--search Q] [--section S] [--lang L]
                        List stories (newest first); --search is full-text, CJK-aware
  show ID               Metadata and text of a story
  set ID FIELD=VALUE…   Change headline, deck, slug, section, language, tags (a,b), editorsNote, status
  rm ID                 Move a story to the trash
  trash [--empty]       List the trash (or empty it)
  untrash ID            Restore a story from the trash
  history ID            Revisions of a story
  restore ID REV        Restore a revision (as a new revision)
  version ID --label L  Save a named version
  recover ID            Bring back a damaged story from its newest revision
  pack ID --out FILE.cdraft [--revisions]
                        Write a story package to hand over
  unpack FILE.cdraft    Import a story package (a clash with another version makes a copy)
  check                 Verify every story and photo; exit 1 on problems
`;

type Options = NonNullable<ParseArgsConfig['options']>;

function parse<O extends Options>(ctx: CommandContext, options: O, positionals: readonly string[]) {
  const parsed = parseArgs({ args: [...ctx.args], options, strict: true, allowPositionals: true });
  if (parsed.positionals.length !== positionals.length) {
    const usage = positionals.length ? positionals.join(' ') : 'no arguments';
    throw new UsageError(`expected ${usage}, got ${parsed.positionals.length ? `"${parsed.positionals.join(' ')}"` : 'nothing'}`);
  }
  return parsed;
}

function enumValue<T extends string>(
  schema: { safeParse(v: unknown): { success: boolean; data?: T } },
  value: string,
  what: string,
  allowed: readonly string[],
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`${what} must be one of ${allowed.join(', ')}; got "${value}"`);
  return parsed.data as T;
}

function summaryLine(s: DraftSummary): string {
  const headline = s.headline.trim() || '(no headline)';
  return `${s.id}  ${s.status.padEnd(8)} ${s.updatedAt.slice(0, 16).replace('T', ' ')}  ${String(s.length).padStart(6)}  ${headline}${s.readOnly ? '  [read-only]' : ''}`;
}

const EDITABLE = ['headline', 'deck', 'slug', 'section', 'language', 'tags', 'editorsNote', 'status'] as const;

/** `field=value` pairs as a metadata patch; tags split on , ， or 、. */
function parseAssignments(pairs: readonly string[]): Record<string, unknown> {
  if (pairs.length === 0) throw new UsageError('set needs at least one FIELD=VALUE');
  const patch: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, Math.max(eq, 0));
    if (eq <= 0 || !(EDITABLE as readonly string[]).includes(key))
      throw new UsageError(`Expected FIELD=VALUE with FIELD one of ${EDITABLE.join(', ')}; got "${pair}"`);
    const value = pair.slice(eq + 1);
    patch[key] =
      key === 'tags'
        ? value
            .split(/[,，、]/)
            .map((t) => t.trim())
            .filter(Boolean)
        : value;
  }
  return patch;
}

function applyAssignments(meta: StoryMeta, patch: Record<string, unknown>): StoryMeta {
  const parsed = StoryMeta.safeParse({ ...meta, ...patch });
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

function showText(story: Story): string {
  const m = story.meta;
  const lines = [
    `${m.headline || '(no headline)'}`,
    ...(m.deck ? [m.deck] : []),
    '',
    `id ${story.id} · revision ${story.revision} · ${m.status} · ${m.language}${m.section ? ` · ${m.section}` : ''}`,
    `created ${story.createdAt} · updated ${story.updatedAt}`,
    ...(m.slug ? [`slug ${m.slug}`] : []),
    ...(m.tags.length ? [`tags ${m.tags.join(', ')}`] : []),
    ...(m.editorsNote ? [`editor's note: ${m.editorsNote}`] : []),
    '',
    editorStateText(story.content.editorState),
  ];
  return lines.join('\n').trimEnd();
}

export const draftCommands: Record<string, (ctx: CommandContext) => Promise<number>> = {
  async new(ctx) {
    const { values } = parse(ctx, { headline: { type: 'string' }, lang: { type: 'string' }, section: { type: 'string' } }, []);
    if (values.headline === undefined) throw new UsageError('new needs --headline');
    const language = values.lang === undefined ? undefined : enumValue(StoryLanguage, values.lang, '--lang', StoryLanguage.options);
    const story = await call(await ctx.dispatch(), 'drafts:create', { headline: values.headline, language, section: values.section });
    print(ctx.io, ctx.json, story, () => story.id);
    return 0;
  },

  async list(ctx) {
    const { values } = parse(
      ctx,
      { status: { type: 'string' }, search: { type: 'string' }, section: { type: 'string' }, lang: { type: 'string' } },
      [],
    );
    const status = values.status?.split(',').map((s) => enumValue(StoryStatus, s.trim(), '--status', StoryStatus.options));
    const language = values.lang === undefined ? undefined : enumValue(StoryLanguage, values.lang, '--lang', StoryLanguage.options);
    const list = await call(await ctx.dispatch(), 'drafts:list', { status, query: values.search, section: values.section, language });
    print(ctx.io, ctx.json, list, () =>
      [
        ...list.stories.map(summaryLine),
        ...list.damaged.map((d) => `${d.id}  DAMAGED  ${d.reason} (run: copydesk recover ${d.id})`),
        ...(list.stories.length + list.damaged.length === 0 ? ['No stories.'] : []),
      ].join('\n'),
    );
    return 0;
  },

  async show(ctx) {
    const { positionals } = parse(ctx, {}, ['ID']);
    const opened = await call(await ctx.dispatch(), 'drafts:get', { id: positionals[0]! });
    print(ctx.io, ctx.json, opened, () => (opened.readOnly ? `[read-only: ${opened.readOnlyReason}]\n` : '') + showText(opened.story));
    return 0;
  },

  async set(ctx) {
    const parsed = parseArgs({ args: [...ctx.args], strict: true, allowPositionals: true, options: {} });
    const [id, ...pairs] = parsed.positionals;
    if (!id) throw new UsageError('set needs ID FIELD=VALUE…');
    const patch = parseAssignments(pairs);
    const dispatch = await ctx.dispatch();
    const { story } = await call(dispatch, 'drafts:get', { id });
    const meta = applyAssignments(story.meta, patch);
    // Status moves go through the workflow (with who/when); the rest is an ordinary save.
    if (meta.status !== story.meta.status) await call(dispatch, 'drafts:setStatus', { id, status: meta.status });
    const current = meta.status !== story.meta.status ? (await call(dispatch, 'drafts:get', { id })).story : story;
    const saved = await call(dispatch, 'drafts:save', {
      id,
      baseRevision: current.revision,
      meta,
      content: current.content,
      photos: current.photos,
    });
    print(ctx.io, ctx.json, saved, () => `${id} saved as revision ${saved.revision}`);
    return 0;
  },

  async rm(ctx) {
    const { positionals } = parse(ctx, {}, ['ID']);
    const result = await call(await ctx.dispatch(), 'drafts:trash', { id: positionals[0]! });
    print(ctx.io, ctx.json, result, () => `${result.id} moved to the trash`);
    return 0;
  },

  async trash(ctx) {
    const { values } = parse(ctx, { empty: { type: 'boolean' } }, []);
    const dispatch = await ctx.dispatch();
    if (values.empty) {
      const result = await call(dispatch, 'drafts:emptyTrash');
      print(ctx.io, ctx.json, result, () => `Removed ${result.removed} stories from the trash`);
      return 0;
    }
    const items = await call(dispatch, 'drafts:listTrash');
    print(ctx.io, ctx.json, items, () =>
      items.length
        ? items.map((i) => `${i.id}  ${i.trashedAt.slice(0, 16).replace('T', ' ')}  ${i.headline}`).join('\n')
        : 'The trash is empty.',
    );
    return 0;
  },

  async untrash(ctx) {
    const { positionals } = parse(ctx, {}, ['ID']);
    const result = await call(await ctx.dispatch(), 'drafts:untrash', { id: positionals[0]! });
    print(ctx.io, ctx.json, result, () => `${result.id} restored from the trash`);
    return 0;
  },

  async history(ctx) {
    const { positionals } = parse(ctx, {}, ['ID']);
    const revisions = await call(await ctx.dispatch(), 'drafts:revisions', { id: positionals[0]! });
    print(ctx.io, ctx.json, revisions, () =>
      revisions
        .map(
          (r) =>
            `${String(r.revision).padStart(5)}  ${r.savedAt.slice(0, 19).replace('T', ' ')}  ${r.reason.padEnd(8)} ${r.status.padEnd(8)} ${r.label ? `"${r.label}" ` : ''}${r.headline}`,
        )
        .join('\n'),
    );
    return 0;
  },

  async restore(ctx) {
    const { positionals } = parse(ctx, {}, ['ID', 'REV']);
    const revision = Number(positionals[1]);
    if (!Number.isInteger(revision) || revision < 0) throw new UsageError(`REV must be a revision number, got "${positionals[1]}"`);
    const story = await call(await ctx.dispatch(), 'drafts:restore', { id: positionals[0]!, revision });
    print(ctx.io, ctx.json, story, () => `${story.id} restored revision ${revision} as revision ${story.revision}`);
    return 0;
  },

  async version(ctx) {
    const { values, positionals } = parse(ctx, { label: { type: 'string' } }, ['ID']);
    if (!values.label) throw new UsageError('version needs --label');
    const info = await call(await ctx.dispatch(), 'drafts:saveVersion', { id: positionals[0]!, label: values.label });
    print(ctx.io, ctx.json, info, () => `Saved version "${info.label}" of revision ${info.revision}`);
    return 0;
  },

  async recover(ctx) {
    const { positionals } = parse(ctx, {}, ['ID']);
    const story = await call(await ctx.dispatch(), 'drafts:recover', { id: positionals[0]! });
    print(ctx.io, ctx.json, story, () => `${story.id} recovered as revision ${story.revision}`);
    return 0;
  },

  async pack(ctx) {
    const { values, positionals } = parse(ctx, { out: { type: 'string' }, revisions: { type: 'boolean' } }, ['ID']);
    if (!values.out) throw new UsageError('pack needs --out FILE.cdraft');
    const result = await call(await ctx.dispatch(), 'drafts:pack', {
      id: positionals[0]!,
      file: path.resolve(values.out),
      includeRevisions: values.revisions === true,
    });
    print(ctx.io, ctx.json, result, () => `Wrote ${result.file} (${result.entries} files, ${result.bytes} bytes)`);
    return 0;
  },

  async unpack(ctx) {
    const { positionals } = parse(ctx, {}, ['FILE.cdraft']);
    const result = await call(await ctx.dispatch(), 'drafts:unpack', { file: path.resolve(positionals[0]!) });
    print(ctx.io, ctx.json, result, () => `${result.id}  ${result.message}`);
    return 0;
  },

  async check(ctx) {
    parse(ctx, {}, []);
    const report = await call(await ctx.dispatch(), 'drafts:check');
    print(ctx.io, ctx.json, report, () =>
      [
        `Checked ${report.stories} stories: ${report.problems.length ? `${report.problems.length} problem(s)` : 'no problems'}`,
        ...report.problems.map((p) => `${p.id}  ${p.problem}`),
      ].join('\n'),
    );
    return report.problems.length ? 1 : 0;
  },
};
