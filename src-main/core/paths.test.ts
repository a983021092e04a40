import { describe, expect, it } from 'vitest';
import { defaultConfigDir, documentsDir, resolveLibrary, resolveLibraryPath } from './paths.js';

describe('defaultConfigDir (matches Electron userData for productName Copydesk)', () => {
  it('per platform', () => {
    expect(defaultConfigDir('win32', { APPDATA: 'C:\\Users\\陳\\AppData\\Roaming' }, 'C:\\Users\\陳')).toBe(
      'C:\\Users\\陳\\AppData\\Roaming\\Copydesk',
    );
    expect(defaultConfigDir('darwin', {}, '/Users/jane')).toBe('/Users/jane/Library/Application Support/Copydesk');
    expect(defaultConfigDir('linux', {}, '/home/jane')).toBe('/home/jane/.config/Copydesk');
    expect(defaultConfigDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/jane')).toBe('/cfg/Copydesk');
    expect(defaultConfigDir('linux', { COPYDESK_CONFIG_DIR: '/tmp/c' }, '/home/jane')).toBe('/tmp/c');
  });
});

describe('documentsDir', () => {
  it('uses the profile on Windows and ~/Documents on macOS', () => {
    expect(documentsDir('win32', { USERPROFILE: 'C:\\Users\\jane' }, 'C:\\Users\\jane')).toBe('C:\\Users\\jane\\Documents');
    expect(documentsDir('darwin', {}, '/Users/jane')).toBe('/Users/jane/Documents');
  });

  it('follows a localised XDG documents folder on Linux', () => {
    const userDirs = '# comment\nXDG_DESKTOP_DIR="$HOME/桌面"\nXDG_DOCUMENTS_DIR="$HOME/文件"\n';
    expect(documentsDir('linux', {}, '/home/jane', userDirs)).toBe('/home/jane/文件');
    expect(documentsDir('linux', {}, '/home/jane', 'XDG_DOCUMENTS_DIR="$HOME/"')).toBe('/home/jane/Documents');
    expect(documentsDir('linux', {}, '/home/jane', 'XDG_DOCUMENTS_DIR="$HOME"')).toBe('/home/jane/Documents');
    expect(documentsDir('linux', {}, '/home/jane')).toBe('/home/jane/Documents');
  });
});

describe('resolveLibraryPath', () => {
  const base = { documents: '/home/jane/Documents', cwd: '/work' };
  it('flag > COPYDESK_LIBRARY > settings > default', () => {
    expect(resolveLibraryPath({ ...base, flag: 'lib', env: { COPYDESK_LIBRARY: '/env' }, settingsPath: '/set' })).toBe('/work/lib');
    expect(resolveLibraryPath({ ...base, env: { COPYDESK_LIBRARY: '/env' }, settingsPath: '/set' })).toBe('/env');
    expect(resolveLibraryPath({ ...base, env: {}, settingsPath: '/set' })).toBe('/set');
    expect(resolveLibraryPath({ ...base, env: {}, settingsPath: null })).toBe('/home/jane/Documents/Copydesk');
    expect(resolveLibraryPath({ ...base, env: { COPYDESK_LIBRARY: '' }, settingsPath: null })).toBe('/home/jane/Documents/Copydesk');
    expect(resolveLibraryPath({ ...base, flag: '', env: { COPYDESK_LIBRARY: '' }, settingsPath: '/set' })).toBe('/set');
  });
});

describe('resolveLibrary', () => {
  it('says where the library came from', () => {
    const base = { documents: '/d', cwd: '/w', settingsPath: '/s' };
    expect(resolveLibrary({ ...base, flag: 'x', env: {} }).source).toBe('flag');
    expect(resolveLibrary({ ...base, env: { COPYDESK_LIBRARY: '/e' } }).source).toBe('env');
    expect(resolveLibrary({ ...base, env: {} })).toEqual({ path: '/s', source: 'settings' });
    expect(resolveLibrary({ ...base, settingsPath: null, env: {} })).toEqual({ path: '/d/Copydesk', source: 'default' });
  });
});
