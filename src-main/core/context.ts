/**
 * Builds the core context every host shares: config folder, settings, library path, version.
 * Electron passes its own `userData`/`documents` paths; the CLI and browser host compute the
 * same folders with the pure functions in paths.ts.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UiLanguage } from '../../src-shared/api/settings.js';
import { defaultConfigDir, documentsDir, resolveLibrary, type Env } from './paths.js';
import type { CoreContext } from './services.js';
import { createSettingsStore } from './settingsStore.js';

declare const __COPYDESK_VERSION__: string;
/** Injected by the bundler from package.json; "0.0.0-dev" when running unbundled (tests). */
export const VERSION = typeof __COPYDESK_VERSION__ === 'string' ? __COPYDESK_VERSION__ : '0.0.0-dev';

export interface ContextOptions {
  readonly host: CoreContext['host'];
  readonly libraryFlag?: string | undefined;
  readonly languageOverride?: UiLanguage | null;
  readonly env?: Env;
  readonly platform?: NodeJS.Platform;
  readonly home?: string;
  readonly cwd?: string;
  /** Electron's userData / documents; computed when absent. */
  readonly configDir?: string;
  readonly documentsDir?: string;
  readonly systemLocale?: string;
}

async function readUserDirs(home: string): Promise<string | undefined> {
  try {
    return await fs.readFile(path.join(home, '.config', 'user-dirs.dirs'), 'utf8');
  } catch {
    return undefined;
  }
}

export async function createCoreContext(options: ContextOptions): Promise<CoreContext> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const home = options.home ?? os.homedir();
  const configDir = options.configDir ?? defaultConfigDir(platform, env, home);
  const settings = createSettingsStore(configDir);
  const stored = await settings.get();
  const documents = options.documentsDir ?? documentsDir(platform, env, home, platform === 'linux' ? await readUserDirs(home) : undefined);
  const library = resolveLibrary({
    flag: options.libraryFlag,
    env,
    settingsPath: stored.libraryPath,
    documents,
    cwd: options.cwd ?? process.cwd(),
  });
  return {
    version: VERSION,
    host: options.host,
    platform,
    libraryPath: library.path,
    librarySource: library.source,
    languageOverride: options.languageOverride ?? null,
    systemLocale: options.systemLocale ?? Intl.DateTimeFormat().resolvedOptions().locale,
    settings,
    pendingOpens: [],
  };
}
