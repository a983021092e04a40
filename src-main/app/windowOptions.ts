/**
 * The main window's constructor options, kept pure so a test can assert every security
 * setting without an Electron binary.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import type { WindowBounds } from './windowState.js';

export function mainWindowOptions(bounds: WindowBounds, preloadPath: string, platform: NodeJS.Platform): BrowserWindowConstructorOptions {
  const { x, y, width, height } = bounds;
  return {
    width,
    height,
    ...(x !== undefined && y !== undefined ? { x, y } : {}),
    minWidth: 720,
    minHeight: 480,
    title: 'Copydesk',
    show: false,
    backgroundColor: '#1e1e1e',
    ...(platform === 'darwin' ? { titleBarStyle: 'default' as const } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  };
}
