/**
 * Native menus as plain data, per platform: macOS gets the app menu and Cmd accelerators;
 * Windows and Linux get File / Edit / View / Help with Ctrl. The Electron layer turns
 * `command` items into clicks that tell the renderer what to do.
 */
import type { UiLanguage } from '../../src-shared/api/settings.js';

export const menuCommands = [
  'new-story',
  'import',
  'export',
  'settings',
  'find',
  'toggle-inspector',
  'focus-mode',
  'shortcuts',
  'about',
] as const;
export type MenuCommand = (typeof menuCommands)[number];

export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'selectAll'
  | 'reload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'windowMenu';

export interface MenuItemSpec {
  readonly label?: string;
  readonly role?: MenuRole;
  readonly command?: MenuCommand;
  readonly accelerator?: string;
  readonly type?: 'separator';
  readonly submenu?: readonly MenuItemSpec[];
}

const labels = {
  en: {
    file: 'File',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
    newStory: 'New Story',
    import: 'Import…',
    export: 'Export…',
    settings: 'Settings…',
    find: 'Find and Replace…',
    inspector: 'Toggle Inspector',
    focus: 'Focus Mode',
    shortcuts: 'Keyboard Shortcuts',
    about: 'About Copydesk',
    exit: 'Exit',
  },
  'zh-Hant': {
    file: '檔案',
    edit: '編輯',
    view: '檢視',
    window: '視窗',
    help: '說明',
    newStory: '新增稿件',
    import: '匯入…',
    export: '匯出…',
    settings: '設定…',
    find: '尋找與取代…',
    inspector: '顯示／隱藏檢閱面板',
    focus: '專注模式',
    shortcuts: '鍵盤快速鍵',
    about: '關於 Copydesk',
    exit: '結束',
  },
  'zh-Hans': {
    file: '文件',
    edit: '编辑',
    view: '视图',
    window: '窗口',
    help: '帮助',
    newStory: '新建稿件',
    import: '导入…',
    export: '导出…',
    settings: '设置…',
    find: '查找和替换…',
    inspector: '显示／隐藏检查面板',
    focus: '专注模式',
    shortcuts: '键盘快捷键',
    about: '关于 Copydesk',
    exit: '退出',
  },
} satisfies Record<UiLanguage, Record<string, string>>;

/** `Mod+Shift+N` → `Cmd+Shift+N` on macOS, `Ctrl+Shift+N` elsewhere. */
export function accelerator(platform: NodeJS.Platform, keys: string): string {
  return keys.replace(/\bMod\b/g, platform === 'darwin' ? 'Cmd' : 'Ctrl');
}

const separator: MenuItemSpec = { type: 'separator' };

export function buildMenuTemplate(platform: NodeJS.Platform, language: UiLanguage, isDev = false): MenuItemSpec[] {
  const l = labels[language];
  const mac = platform === 'darwin';
  const key = (keys: string) => accelerator(platform, keys);

  const appMenu: MenuItemSpec = {
    label: 'Copydesk',
    submenu: [
      { role: 'about', label: l.about },
      separator,
      { label: l.settings, command: 'settings', accelerator: key('Mod+,') },
      separator,
      { role: 'services' },
      separator,
      { role: 'hide', accelerator: key('Mod+H') },
      { role: 'hideOthers', accelerator: key('Mod+Alt+H') },
      { role: 'unhide' },
      separator,
      { role: 'quit', accelerator: key('Mod+Q') },
    ],
  };
  const fileMenu: MenuItemSpec = {
    label: l.file,
    submenu: [
      { label: l.newStory, command: 'new-story', accelerator: key('Mod+N') },
      separator,
      { label: l.import, command: 'import', accelerator: key('Mod+O') },
      { label: l.export, command: 'export', accelerator: key('Mod+Shift+E') },
      separator,
      ...(mac
        ? [{ role: 'close' as const, accelerator: key('Mod+W') }]
        : [
            { label: l.settings, command: 'settings' as const, accelerator: key('Mod+,') },
            separator,
            { role: 'quit' as const, label: l.exit, accelerator: 'Alt+F4' },
          ]),
    ],
  };
  const editMenu: MenuItemSpec = {
    label: l.edit,
    submenu: [
      { role: 'undo', accelerator: key('Mod+Z') },
      { role: 'redo', accelerator: mac ? key('Mod+Shift+Z') : key('Mod+Y') },
      separator,
      { role: 'cut', accelerator: key('Mod+X') },
      { role: 'copy', accelerator: key('Mod+C') },
      { role: 'paste', accelerator: key('Mod+V') },
      { role: 'pasteAndMatchStyle', accelerator: key('Mod+Shift+V') },
      { role: 'selectAll', accelerator: key('Mod+A') },
      separator,
      { label: l.find, command: 'find', accelerator: key('Mod+F') },
    ],
  };
  const viewMenu: MenuItemSpec = {
    label: l.view,
    submenu: [
      { label: l.inspector, command: 'toggle-inspector', accelerator: key('Mod+Alt+I') },
      { label: l.focus, command: 'focus-mode', accelerator: key('Mod+Shift+F') },
      separator,
      { role: 'resetZoom', accelerator: key('Mod+0') },
      { role: 'zoomIn', accelerator: key('Mod+=') },
      { role: 'zoomOut', accelerator: key('Mod+-') },
      separator,
      { role: 'togglefullscreen', accelerator: mac ? 'Ctrl+Cmd+F' : 'F11' },
      ...(isDev ? [separator, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
    ],
  };
  const windowMenu: MenuItemSpec = {
    label: l.window,
    submenu: [{ role: 'minimize', accelerator: key('Mod+M') }, { role: 'zoom' }, separator, { role: 'front' }],
  };
  const helpMenu: MenuItemSpec = {
    label: l.help,
    submenu: [
      { label: l.shortcuts, command: 'shortcuts', accelerator: key('Mod+/') },
      ...(mac ? [] : [separator, { label: l.about, command: 'about' as const }]),
    ],
  };
  return mac ? [appMenu, fileMenu, editMenu, viewMenu, windowMenu, helpMenu] : [fileMenu, editMenu, viewMenu, helpMenu];
}

/** Every accelerator in a template, flattened (used by tests and to spot clashes). */
export function allAccelerators(items: readonly MenuItemSpec[]): string[] {
  return items.flatMap((item) => [...(item.accelerator ? [item.accelerator] : []), ...allAccelerators(item.submenu ?? [])]);
}
