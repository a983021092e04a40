/**
 * Copydesk's Electron main process: the composition root. Reads top to bottom as what the
 * app is made of; each piece lives in app/, ipc/ or core/.
 */
import path from 'node:path';
import { app, BrowserWindow } from 'electron';
import { FLUSH_BEFORE_CLOSE_EVENT, PENDING_OPENS_EVENT } from '../src-shared/api/channels.js';
import { pickUiLanguage } from '../src-shared/api/locale.js';
import { decideNavigation } from './app/navigation.js';
import { installMenu } from './app/nativeMenu.js';
import { openableFiles } from './app/openFiles.js';
import { registerAppSchemePrivileges, serveRendererOverAppScheme } from './app/protocol.js';
import { createMainWindow, denyAllPermissions } from './app/window.js';
import { createCoreContext } from './core/context.js';
import { createHandlers } from './core/services.js';
import { createDispatch } from './ipc/handle.js';
import { registerIpc } from './ipc/register.js';

const bundleDir = __dirname; // dist/main inside app.asar
const rendererRoot = path.join(bundleDir, '..', 'renderer');

registerAppSchemePrivileges();

// macOS delivers double-clicked files through `open-file`, possibly before `ready`: queue them.
const earlyOpens: string[] = [];
let handOver = (paths: string[]) => earlyOpens.push(...paths);
app.on('open-file', (event, file) => {
  event.preventDefault();
  handOver([file]);
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

function libraryFlag(argv: readonly string[]): string | undefined {
  const index = argv.indexOf('--library');
  const inline = argv.find((arg) => arg.startsWith('--library='));
  return inline ? inline.slice('--library='.length) : index >= 0 ? argv[index + 1] : undefined;
}

async function start(): Promise<void> {
  await app.whenReady();
  const ctx = await createCoreContext({
    host: 'electron',
    libraryFlag: libraryFlag(process.argv),
    configDir: app.getPath('userData'),
    documentsDir: app.getPath('documents'),
    systemLocale: app.getLocale(),
  });
  ctx.pendingOpens.push(...openableFiles(process.argv.slice(1), process.cwd()), ...earlyOpens.splice(0));

  denyAllPermissions();
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => decideNavigation(url).action !== 'allow' && event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  serveRendererOverAppScheme(rendererRoot);
  registerIpc(createDispatch(createHandlers(ctx)));

  const uiLanguage = async () => {
    const settings = await ctx.settings.get();
    return settings.language === 'system' ? pickUiLanguage(app.getPreferredSystemLanguages()) : settings.language;
  };
  let language = await uiLanguage();
  installMenu(language, !app.isPackaged);
  app.on('browser-window-focus', () => void uiLanguage().then((next) => (language = next)));

  const openWindow = () =>
    createMainWindow({
      preloadPath: path.join(bundleDir, 'preload.cjs'),
      stateFile: path.join(app.getPath('userData'), 'window-state.json'),
      language: () => language,
    });
  let win = await openWindow();
  // Closing the window first lets the UI save what is unsaved (at most 3 s), then closes for real.
  const guardClose = (target: BrowserWindow) => {
    let allowed = false;
    let timer: NodeJS.Timeout | undefined;
    ctx.onCloseReady = () => {
      allowed = true;
      clearTimeout(timer);
      if (!target.isDestroyed()) target.close();
      return true;
    };
    target.on('close', (event) => {
      if (allowed) return;
      event.preventDefault();
      target.webContents.send(FLUSH_BEFORE_CLOSE_EVENT);
      timer ??= setTimeout(() => ctx.onCloseReady?.(), 3000);
    });
  };
  guardClose(win);

  handOver = (paths: string[]) => {
    if (paths.length === 0) return 0;
    ctx.pendingOpens.push(...paths);
    win.webContents.send(PENDING_OPENS_EVENT);
    return paths.length;
  };
  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (win.isMinimized()) win.restore();
    win.focus();
    handOver(openableFiles(argv.slice(1), workingDirectory));
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0)
      void openWindow().then((created) => {
        win = created;
        guardClose(created);
      });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
