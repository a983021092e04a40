/**
 * Where things live on each OS, as pure functions of (platform, env, home) so they are
 * testable everywhere. The config folder matches Electron's `app.getPath('userData')` for
 * productName "Copydesk", so the app, the CLI and the browser host share one settings file.
 */
import path from 'node:path';

export type Env = Readonly<Record<string, string | undefined>>;

export function defaultConfigDir(platform: NodeJS.Platform, env: Env, home: string): string {
  if (env.COPYDESK_CONFIG_DIR) return env.COPYDESK_CONFIG_DIR;
  if (platform === 'win32') return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), 'Copydesk');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'Copydesk');
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), 'Copydesk');
}

/**
 * The user's Documents folder. On Linux the XDG user-dirs file may relocate it (and translate
 * its name, e.g. 文件 or 文档); `userDirsFile` is the content of ~/.config/user-dirs.dirs if any.
 */
export function documentsDir(platform: NodeJS.Platform, env: Env, home: string, userDirsFile?: string): string {
  if (platform === 'win32') return path.win32.join(env.USERPROFILE ?? home, 'Documents');
  if (platform === 'linux' && userDirsFile) {
    const line = /^XDG_DOCUMENTS_DIR="([^"]*)"/m.exec(userDirsFile);
    if (line?.[1]) {
      const dir = path.posix.normalize(line[1].replace(/^\$HOME/, home)).replace(/(.)\/+$/, '$1');
      if (path.posix.isAbsolute(dir) && dir !== path.posix.normalize(home)) return dir;
    }
  }
  return path.join(home, 'Documents');
}

export type LibrarySource = 'flag' | 'env' | 'settings' | 'default';

/** `--library` beats `COPYDESK_LIBRARY`, which beats the folder chosen in Settings, then the default. */
export function resolveLibrary(options: {
  flag?: string | undefined;
  env: Env;
  settingsPath: string | null;
  documents: string;
  cwd: string;
}): { path: string; source: LibrarySource } {
  if (options.flag) return { path: path.resolve(options.cwd, options.flag), source: 'flag' };
  if (options.env.COPYDESK_LIBRARY) return { path: path.resolve(options.cwd, options.env.COPYDESK_LIBRARY), source: 'env' };
  if (options.settingsPath) return { path: path.resolve(options.cwd, options.settingsPath), source: 'settings' };
  return { path: path.join(options.documents, 'Copydesk'), source: 'default' };
}

export function resolveLibraryPath(options: Parameters<typeof resolveLibrary>[0]): string {
  return resolveLibrary(options).path;
}
