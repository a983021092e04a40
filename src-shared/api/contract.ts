/**
 * The contract: every operation the UI can ask of the main process, declared once.
 * Channel names are `feature:verb`. Hosts (Electron IPC, browser host HTTP, CLI) parse
 * every input with `input` before a handler sees it.
 */
import { z } from 'zod';
import { channelNames, type ChannelName, type MethodName } from './channels.js';
import type { Result } from './result.js';
import { Story } from '../article/schema.js';
import {
  CheckReport,
  CreateDraftInput,
  DraftList,
  IdInput,
  ListDraftsInput,
  OpenedDraft,
  PackInput,
  PackResult,
  RenameInput,
  RevisionInfo,
  RevisionInput,
  SavedDraft,
  SaveDraftInput,
  SaveVersionInput,
  SetStatusInput,
  TrashedDraft,
  UnpackInput,
  UnpackResult,
} from './drafts.js';
import { Settings, SettingsPatch, UiLanguage } from './settings.js';

const NoInput = z.undefined().or(z.null()).or(z.object({}).strict());

export const AppInfo = z.object({
  name: z.literal('Copydesk'),
  version: z.string(),
  platform: z.enum(['darwin', 'win32', 'linux', 'other']),
  host: z.enum(['electron', 'web', 'cli']),
  libraryPath: z.string(),
  /** Where the library path came from: --library, $COPYDESK_LIBRARY, Settings, or the default. */
  librarySource: z.enum(['flag', 'env', 'settings', 'default']),
  /** A UI language forced for this launch (`--lang`), or null to follow settings and the OS. */
  languageOverride: UiLanguage.nullable(),
  /** The operating system's preferred locale as the host sees it, e.g. `zh-TW`. */
  systemLocale: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** Files the OS asked us to open (double-clicked `.cdraft`, second launch) not yet taken by the UI. */
export const PendingOpens = z.object({ paths: z.array(z.string()) });

export const contract = {
  'app:info': { input: NoInput, output: AppInfo },
  'app:takePendingOpens': { input: NoInput, output: PendingOpens },
  'app:closeReady': { input: NoInput, output: z.object({ closing: z.boolean() }) },
  'settings:get': { input: NoInput, output: Settings },
  'settings:set': { input: SettingsPatch, output: Settings },
  'drafts:list': { input: ListDraftsInput, output: DraftList },
  'drafts:create': { input: CreateDraftInput, output: Story },
  'drafts:get': { input: IdInput, output: OpenedDraft },
  'drafts:save': { input: SaveDraftInput, output: SavedDraft },
  'drafts:setStatus': { input: SetStatusInput, output: Story },
  'drafts:rename': { input: RenameInput, output: Story },
  'drafts:duplicate': { input: IdInput, output: Story },
  'drafts:trash': { input: IdInput, output: z.object({ id: z.string() }) },
  'drafts:listTrash': { input: NoInput, output: z.array(TrashedDraft) },
  'drafts:untrash': { input: IdInput, output: z.object({ id: z.string() }) },
  'drafts:emptyTrash': { input: NoInput, output: z.object({ removed: z.number().int() }) },
  'drafts:revisions': { input: IdInput, output: z.array(RevisionInfo) },
  'drafts:revision': { input: RevisionInput, output: Story },
  'drafts:restore': { input: RevisionInput, output: Story },
  'drafts:saveVersion': { input: SaveVersionInput, output: RevisionInfo },
  'drafts:recover': { input: IdInput, output: Story },
  'drafts:pack': { input: PackInput, output: PackResult },
  'drafts:unpack': { input: UnpackInput, output: UnpackResult },
  'drafts:check': { input: NoInput, output: CheckReport },
} as const satisfies Record<ChannelName, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
// Both directions: the schema-free list in channels.ts and this contract name the same channels.
const sameChannels: [Channel] extends [ChannelName] ? ([ChannelName] extends [Channel] ? true : false) : false = true;
void sameChannels;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = z.output<Contract[C]['output']>;

export const channels: readonly Channel[] = channelNames;
export { methodName, type MethodName } from './channels.js';

/** What `window.copydesk` (Electron) and the browser-host client both provide. */
export type Api = {
  [C in Channel as MethodName<C>]: (input?: InputOf<C>) => Promise<Result<OutputOf<C>>>;
};

/** Main-side implementations: parsed input in, plain value out (errors thrown as OpFailure). */
export type Handlers = {
  [C in Channel]: (input: ParsedInputOf<C>) => Promise<OutputOf<C>>;
};
