/**
 * Creates the main window and puts the guards on it: navigation and new windows denied (https
 * links go to the OS browser), every permission request denied, bounds remembered.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BrowserWindow, Menu, screen, session, shell, type MenuItemConstructorOptions } from 'electron';
import type { UiLanguage } from '../../src-shared/api/settings.js';
import { contextMenuItems } from './contextMenu.js';
import { writeFileAtomic } from '../core/atomicWrite.js';
import { APP_ENTRY, decideNavigation } from './navigation.js';
import { mainWindowOptions } from './windowOptions.js';
import { restoreBounds, type WindowState } from './windowState.js';

/** Deny every permission (camera, notifications, geolocation, …) for every session we create. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

function guardNavigation(win: BrowserWindow): void {
  const openExternally = (url: string) => {
    const decision = decideNavigation(url);
    if (decision.action === 'open-external') void shell.openExternal(decision.url);
    return decision;
  };
  win.webContents.on('will-navigate', (event, url) => {
    if (openExternally(url).action !== 'allow') event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (decideNavigation(url).action !== 'allow') event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
}

async function readWindowState(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Right-click menu with the spellchecker's suggestions (Chromium's dictionaries; there are none for Chinese). */
function attachContextMenu(win: BrowserWindow, language: () => UiLanguage): void {
  win.webContents.on('context-menu', (_event, params) => {
    const items = contextMenuItems(params, language());
    if (items.length === 0) return;
    const template: MenuItemConstructorOptions[] = items.map((item) => {
      if (item.kind === 'separator') return { type: 'separator' };
      if (item.kind === 'role') return { role: item.role };
      if (item.kind === 'add-to-dictionary')
        return { label: item.label, click: () => win.webContents.session.addWordToSpellCheckerDictionary(item.word) };
      return {
        label: item.label,
        enabled: params.dictionarySuggestions.length > 0,
        click: () => win.webContents.replaceMisspelling(item.label),
      };
    });
    Menu.buildFromTemplate(template).popup({ window: win });
  });
}

export async function createMainWindow(options: {
  preloadPath: string;
  stateFile: string;
  language: () => UiLanguage;
}): Promise<BrowserWindow> {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = restoreBounds(await readWindowState(options.stateFile), workAreas);
  const { maximized, ...bounds } = state;
  const win = new BrowserWindow(mainWindowOptions(bounds, options.preloadPath, process.platform));
  guardNavigation(win);
  attachContextMenu(win, options.language);

  let saveTimer: NodeJS.Timeout | undefined;
  const saveState = () => {
    if (win.isDestroyed()) return;
    const next: WindowState = { ...win.getNormalBounds(), maximized: win.isMaximized() };
    void fs
      .mkdir(path.dirname(options.stateFile), { recursive: true })
      .then(() => writeFileAtomic(options.stateFile, JSON.stringify(next)))
      .catch(() => undefined); // losing the window position is never worth an error dialog
  };
  const scheduleSave = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveState, 500);
  };
  win.on('resize', scheduleSave);
  win.on('move', scheduleSave);
  win.on('close', () => {
    clearTimeout(saveTimer);
    saveState();
  });

  win.once('ready-to-show', () => {
    if (maximized) win.maximize();
    win.show();
  });
  await win.loadURL(APP_ENTRY);
  return win;
}
