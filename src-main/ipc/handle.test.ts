import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../src-shared/api/contract.js';
import { OpFailure } from '../../src-shared/api/result.js';
import { defaultSettings, type SettingsPatch } from '../../src-shared/api/settings.js';
import { createDispatch, isTrustedFrame } from './handle.js';

function handlers(overrides: Partial<Handlers> = {}): { handlers: Handlers; calls: string[] } {
  const calls: string[] = [];
  // Only the channels these tests dispatch are implemented; the cast stands in for the rest.
  const base = {
    'app:info': async () => {
      calls.push('app:info');
      return {
        name: 'Copydesk',
        version: '1',
        platform: 'linux',
        host: 'electron',
        libraryPath: '/l',
        librarySource: 'flag',
        languageOverride: null,
        systemLocale: 'en',
      };
    },
    'app:takePendingOpens': async () => ({ paths: [] }),
    'settings:get': async () => defaultSettings,
    'settings:set': async (patch: SettingsPatch) => {
      calls.push(`settings:set ${JSON.stringify(patch)}`);
      return { ...defaultSettings, theme: patch.theme ?? defaultSettings.theme };
    },
  } as unknown as Handlers;
  return { handlers: { ...base, ...overrides }, calls };
}

describe('isTrustedFrame', () => {
  it('trusts only the top-level frame of app://copydesk', () => {
    expect(isTrustedFrame({ url: 'app://copydesk/index.html', parent: null })).toBe(true);
    expect(isTrustedFrame({ url: 'app://copydesk/index.html', parent: {} })).toBe(false); // an iframe
    expect(isTrustedFrame({ url: 'app://evil/index.html', parent: null })).toBe(false);
    expect(isTrustedFrame({ url: 'file:///C:/copydesk/index.html', parent: null })).toBe(false);
    expect(isTrustedFrame({ url: 'https://copydesk/index.html', parent: null })).toBe(false);
    expect(isTrustedFrame({ url: 'app://user@copydesk/', parent: null })).toBe(false);
    expect(isTrustedFrame(null)).toBe(false);
    expect(isTrustedFrame(undefined)).toBe(false);
  });
});

describe('createDispatch', () => {
  it('refuses an untrusted sender without running the handler', async () => {
    const { handlers: h, calls } = handlers();
    const result = await createDispatch(h)('app:info', undefined, false);
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect(calls).toEqual([]);
  });

  it('refuses an invalid payload, naming the field, without running the handler', async () => {
    const { handlers: h, calls } = handlers();
    const result = await createDispatch(h)('settings:set', { theme: 'purple' }, true);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-input');
      expect(result.error.message).toContain('settings:set');
      expect(result.error.message).toContain('theme');
    }
    expect(calls).toEqual([]);
  });

  it('refuses unknown channels, including inherited property names', async () => {
    const dispatch = createDispatch(handlers().handlers);
    for (const name of ['drafts:nuke', '__proto__', 'toString', 'constructor']) {
      expect(await dispatch(name, undefined, true)).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    }
  });

  it('passes parsed input and wraps the value', async () => {
    const { handlers: h, calls } = handlers();
    expect(await createDispatch(h)('settings:set', { theme: 'dark' }, true)).toEqual({
      ok: true,
      value: { ...defaultSettings, theme: 'dark' },
    });
    expect(calls).toEqual(['settings:set {"theme":"dark"}']);
  });

  it('wraps thrown errors: OpFailure keeps its code, anything else is internal', async () => {
    const dispatch = createDispatch(
      handlers({
        'settings:get': async () => {
          throw new OpFailure('io-error', 'disk full');
        },
        'app:info': async () => {
          throw new TypeError('boom');
        },
        'app:takePendingOpens': async () => {
          throw 'a string';
        },
      }).handlers,
    );
    expect(await dispatch('settings:get', null, true)).toEqual({ ok: false, error: { code: 'io-error', message: 'disk full' } });
    expect(await dispatch('app:info', null, true)).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
    expect(await dispatch('app:takePendingOpens', null, true)).toEqual({ ok: false, error: { code: 'internal', message: 'a string' } });
  });
});
