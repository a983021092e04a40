/**
 * Settings live in `<config dir>/settings.json`. A damaged or hand-edited file never stops the
 * app: it is moved aside as `settings.json.damaged-<time>` and defaults are used, with a
 * warning the caller can show.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { OpFailure } from '../../src-shared/api/result.js';
import { defaultSettings, parseStoredSettings, Settings, type SettingsPatch } from '../../src-shared/api/settings.js';
import { writeFileAtomic } from './atomicWrite.js';

export interface SettingsStore {
  get(): Promise<Settings>;
  update(patch: SettingsPatch): Promise<Settings>;
  readonly file: string;
  /** Why the stored file could not be used on last load, if it could not. */
  readonly warning: string | null;
}

export function createSettingsStore(configDir: string): SettingsStore {
  const file = path.join(configDir, 'settings.json');
  let cache: Settings | null = null;
  let warning: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<Settings> {
    if (cache) return cache;
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return (cache = { ...defaultSettings });
      throw new OpFailure('io-error', `Cannot read settings at ${file}: ${(error as Error).message}`);
    }
    const parsed = parseStoredSettings(text);
    if (parsed) return (cache = parsed);
    const aside = `${file}.damaged-${Date.now()}`;
    await fs.rename(file, aside).catch(() => undefined);
    warning = `Settings file was unreadable and was moved to ${aside}; defaults are in use.`;
    return (cache = { ...defaultSettings });
  }

  return {
    file,
    get warning() {
      return warning;
    },
    get: () => load(),
    update(patch) {
      const run = queue.then(async () => {
        const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
        const next = Settings.parse({ ...(await load()), ...changes });
        await fs.mkdir(configDir, { recursive: true });
        await writeFileAtomic(file, `${JSON.stringify(next, null, 2)}\n`);
        cache = next;
        return next;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
