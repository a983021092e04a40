/**
 * The Node core behind the contract: one implementation per channel, shared by every host
 * (Electron IPC, the browser host's HTTP API and the CLI). Hosts parse input first; these
 * functions receive already-validated values and throw `OpFailure` for expected errors.
 */
import path from 'node:path';
import type { AppInfo, Handlers } from '../../src-shared/api/contract.js';
import { OpFailure } from '../../src-shared/api/result.js';
import type { UiLanguage } from '../../src-shared/api/settings.js';
import { DraftStore } from '../drafts/DraftStore.js';
import { draftHandlers } from '../drafts/handlers.js';
import { watchLibrary } from '../drafts/watch.js';
import type { SettingsStore } from './settingsStore.js';

export interface CoreContext {
  readonly version: string;
  readonly host: AppInfo['host'];
  readonly platform: NodeJS.Platform;
  readonly libraryPath: string;
  readonly librarySource: AppInfo['librarySource'];
  readonly languageOverride: UiLanguage | null;
  readonly systemLocale: string;
  readonly settings: SettingsStore;
  /** Paths the OS handed us to open; drained by `app:takePendingOpens`. */
  readonly pendingOpens: string[];
  /** The UI has saved everything and the window may close (Electron sets this; other hosts have no window). */
  onCloseReady?: () => boolean;
}

function platformName(platform: NodeJS.Platform): AppInfo['platform'] {
  return platform === 'darwin' || platform === 'win32' || platform === 'linux' ? platform : 'other';
}

export function createHandlers(ctx: CoreContext): Handlers {
  // The library is opened (and created on first use) only when a drafts operation needs it.
  let store: Promise<DraftStore> | null = null;
  const openStore = () => {
    store ??= DraftStore.open({ root: ctx.libraryPath }).then(
      (opened) => {
        // Long-running hosts follow other processes' changes; a CLI run reads fresh anyway.
        if (ctx.host !== 'cli') watchLibrary(opened);
        return opened;
      },
      (error: unknown) => {
        store = null;
        throw error;
      },
    );
    return store;
  };
  return {
    ...draftHandlers(openStore),
    'app:info': async () => ({
      name: 'Copydesk',
      version: ctx.version,
      platform: platformName(ctx.platform),
      host: ctx.host,
      libraryPath: ctx.libraryPath,
      librarySource: ctx.librarySource,
      languageOverride: ctx.languageOverride,
      systemLocale: ctx.systemLocale,
    }),
    'app:takePendingOpens': async () => ({ paths: ctx.pendingOpens.splice(0) }),
    'app:closeReady': async () => ({ closing: ctx.onCloseReady?.() ?? false }),
    'settings:get': () => ctx.settings.get(),
    'settings:set': async (patch) => {
      if (patch.libraryPath != null && !path.isAbsolute(patch.libraryPath)) {
        throw new OpFailure('invalid-input', `Library folder must be an absolute path, got "${patch.libraryPath}".`);
      }
      return ctx.settings.update(patch);
    },
  };
}
