import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './windowOptions.js';

describe('mainWindowOptions', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`is locked down on ${platform}`, () => {
      const options = mainWindowOptions({ width: 1000, height: 700 }, '/app/dist/main/preload.cjs', platform);
      expect(options.webPreferences).toMatchObject({
        preload: '/app/dist/main/preload.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
      });
      expect(options.webPreferences).not.toHaveProperty('enableRemoteModule');
      expect(options.show).toBe(false); // shown on ready-to-show, no white flash
    });
  }

  it('uses a saved position only when both coordinates are known', () => {
    expect(mainWindowOptions({ width: 900, height: 600, x: 10, y: 20 }, 'p', 'linux')).toMatchObject({ x: 10, y: 20 });
    expect(mainWindowOptions({ width: 900, height: 600, x: 10 }, 'p', 'linux')).not.toHaveProperty('x');
  });
});
