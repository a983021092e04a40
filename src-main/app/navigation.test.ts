import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideNavigation, externalUrl, isAppUrl } from './navigation.js';

describe('decideNavigation', () => {
  it('allows the app origin only', () => {
    expect(decideNavigation('app://copydesk/index.html')).toEqual({ action: 'allow' });
    expect(decideNavigation('app://copydesk/index.html#/story/1')).toEqual({ action: 'allow' });
    for (const url of [
      'app://copydesk.evil/index.html',
      'app://evil/copydesk',
      'file:///etc/passwd',
      'file://C:/Windows/win.ini',
      'http://example.com/',
      'http://127.0.0.1:3000/',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'blob:app://copydesk/123',
      'chrome://settings',
      'devtools://devtools/bundled/inspector.html',
      'not a url',
      '',
    ]) {
      expect(decideNavigation(url).action, url).not.toBe('allow');
    }
  });

  it('hands plain https links to the OS browser, normalised by the URL parser', () => {
    expect(decideNavigation('https://example.com/a b')).toEqual({ action: 'open-external', url: 'https://example.com/a%20b' });
    expect(decideNavigation('HTTPS://EXAMPLE.com')).toEqual({ action: 'open-external', url: 'https://example.com/' });
  });

  it('refuses https links with credentials and non-https schemes', () => {
    expect(externalUrl('https://user:pass@example.com/')).toBeNull();
    expect(externalUrl('http://example.com/')).toBeNull();
    expect(externalUrl('mailto:desk@example.com')).toBeNull();
    expect(externalUrl('smb://fileserver/share')).toBeNull();
    expect(externalUrl('ms-msdt:/id PCWDiagnostic')).toBeNull();
  });

  it('never allows anything but the app origin, whatever the string (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.webUrl({ withFragments: true, withQueryParameters: true }), fc.string()), (url) => {
        expect(decideNavigation(url).action === 'allow').toBe(isAppUrl(url));
        expect(isAppUrl(url)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
