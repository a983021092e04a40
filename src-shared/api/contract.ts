/**
 * The contract: every operation the UI can ask of the main process, declared once.
 * Channel names are `feature:verb`. Hosts (Electron IPC, browser host HTTP, CLI) parse
 * every input with `input` before a handler sees it.
 */
import { z } from 'zod';
import { channelNames, type ChannelName, type MethodName } from './channels.js';
import type { Result } from './result.js';
import { Settings, SettingsPatch, UiLanguage } from './settings.js';

const NoInput = z.undefined().or(z.null()).or(z.object({}).strict());

export const AppInfo = z.object({
  name: z.literal('Copydesk'),
  version: z.string(),
  platform: z.enum(['darwin', 'win32', 'linux', 'other']),
  host: z.enum(['electron', 'web', 'cli']),
  libraryPath: z.string(),
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
  'settings:get': { input: NoInput, output: Settings },
  'settings:set': { input: SettingsPatch, output: Settings },
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
