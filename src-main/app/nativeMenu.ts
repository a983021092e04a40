/** Turns the pure menu template into Electron's menu; `command` items notify the focused window. */
import { BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import { MENU_COMMAND_EVENT } from '../../src-shared/api/channels.js';
import type { UiLanguage } from '../../src-shared/api/settings.js';
import { buildMenuTemplate, type MenuItemSpec } from './menu.js';

function toElectron(item: MenuItemSpec): MenuItemConstructorOptions {
  const { command, submenu, ...rest } = item;
  return {
    ...rest,
    ...(submenu ? { submenu: submenu.map(toElectron) } : {}),
    ...(command
      ? {
          click: () =>
            (BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0])?.webContents.send(MENU_COMMAND_EVENT, command),
        }
      : {}),
  };
}

export function installMenu(language: UiLanguage, isDev: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(process.platform, language, isDev).map(toElectron)));
}
