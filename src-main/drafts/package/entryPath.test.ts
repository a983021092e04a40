import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEntryPath, describeEntryName } from './entryPath.js';

const POSIX_DEST = '/library/.tmp/import-1';
const WIN_DEST = 'C:\\Users\\reporter\\Copydesk\\.tmp\\import-1';

function accepted(name: string): boolean {
  return checkEntryPath(name).ok;
}

function reason(name: string): string {
  const result = checkEntryPath(name);
  if (result.ok) throw new Error(`expected ${JSON.stringify(name)} to be refused`);
  return result.reason;
}

/** Fragments of dangerous and legitimate names; joined behind real folder names so random names hit both often. */
const fragment = fc.constantFrom(
  ...['a', 'Z', '0', '-', '_', '.', '.', 'story.json', 'a.jpg', 'x.json', 'CON', 'nul', 'lpt9', 'renditions', 'photos'],
  ...['/', '/', '\\', '..', ':', 'C:', '//', ' ', '\u0000', '\u001f', '\u202e', '照片', 'é', '$DATA', '*', '?', '"'],
);
const pathish = fc
  .tuple(
    fc.constantFrom('', 'photos/', 'photos/renditions/', 'revisions/', '../', '/'),
    fc.array(fragment, { maxLength: 5 }),
    fc.constantFrom('', '.jpg', '.json', '/', '.'),
  )
  .map(([head, parts, tail]) => `${head}${parts.join('')}${tail}`);
const anyName = fc.oneof(pathish, fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme-ascii', maxLength: 60 }));

function isInside(parent: string, child: string, impl: typeof path.posix): boolean {
  const relative = impl.relative(parent, child);
  return relative !== '' && !relative.startsWith('..') && !impl.isAbsolute(relative);
}

describe('checkEntryPath properties', () => {
  it('an accepted name never escapes, on POSIX or Windows path rules', () => {
    fc.assert(
      fc.property(anyName, (name) => {
        const result = checkEntryPath(name);
        if (!result.ok) {
          expect(result.reason.length).toBeGreaterThan(10);
          return;
        }
        const p = result.path;
        expect(p).toBe(name);
        expect(p.split('/')).not.toContain('..');
        expect(p.startsWith('/') || p.startsWith('\\')).toBe(false);
        expect(p).not.toMatch(/[:\\]/);
        expect([...p].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)).toBe(false);
        expect(p.length).toBeLessThanOrEqual(240);
        expect(isInside(POSIX_DEST, path.posix.resolve(POSIX_DEST, p), path.posix)).toBe(true);
        expect(isInside(WIN_DEST, path.win32.resolve(WIN_DEST, p), path.win32)).toBe(true);
        expect(p).toMatch(
          /^(copydesk-package\.json|story\.json|revisions\/[^/]+\.json|photos\/([^/]+|renditions\/[^/]+)|photos\/|revisions\/|photos\/renditions\/)$/,
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('accepts every well-formed photo, rendition and revision name', () => {
    const reserved = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
    const stem = fc.stringMatching(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,60}[A-Za-z0-9_-]$/).filter((s) => !reserved.test(s.split('.')[0] ?? ''));
    const name = fc
      .tuple(fc.constantFrom('photos/', 'photos/renditions/', 'revisions/'), stem)
      .map(([dir, s]) => `${dir}${s}${dir === 'revisions/' ? '.json' : '.jpg'}`);
    fc.assert(fc.property(name, (n) => checkEntryPath(n).ok));
  });

  it('prefixing an accepted name with an escape makes it refused', () => {
    const good = fc.constantFrom('story.json', 'photos/a.jpg', 'revisions/0000000001-1700000000000-save.json', 'photos/renditions/x.webp');
    const prefix = fc.constantFrom('../', '/', '\\', 'C:', 'c:/', '//server/share/', '\\\\server\\share\\', 'photos/../../', './', 'a//');
    fc.assert(fc.property(good, prefix, (g, p) => !accepted(`${p}${g}`)));
  });
});

describe('checkEntryPath tables', () => {
  it.each([
    'copydesk-package.json',
    'story.json',
    'revisions/0000000003-1717171717171-autosave.json',
    'photos/3f2a9c0e5b7d4a1e8c6f0b2d9e7a5c3b1f0e8d6c4a2b0e9f7d5c3b1a0f8e6d4c.jpg',
    'photos/renditions/3f2a-1600.webp',
    'photos/Thumbs.db',
    'photos/',
    'revisions/',
    'photos/renditions/',
    'photos/console.jpg',
    'photos/COM10.jpg',
  ])('accepts %j', (name) => {
    expect(checkEntryPath(name)).toEqual({ ok: true, path: name });
  });

  it.each([
    ['', /empty name/],
    ['/etc/passwd', /absolute path/],
    ['\\evil.txt', /absolute path/],
    ['../evil.txt', /climbs out .* ".."/],
    ['../../evil.txt', /climbs out/],
    ['photos/../../x', /climbs out/],
    ['photos/..', /climbs out/],
    ['..\\..\\evil.txt', /climbs out/],
    ['C:evil', /drive letter/],
    ['c:foo', /drive letter/],
    ['C:/Windows/evil.dll', /drive letter/],
    ['photos/a.jpg:Zone.Identifier', /":"/],
    ['story.json::$DATA', /":"/],
    ['\\\\server\\share', /network \(UNC\)/],
    ['//server/share/x', /network \(UNC\)/],
    ['photos\\a.jpg', /backslash/],
    ['story.json\u0000.png', /control character/],
    ['photos/a\nb.jpg', /control character/],
    ['photos/\u0085.jpg', /control character/],
    ['CON', /reserved by Windows/],
    ['photos/con.txt', /reserved by Windows/],
    ['photos/CON', /reserved by Windows/],
    ['photos/Aux.tar.gz', /reserved by Windows/],
    ['photos/nul', /reserved by Windows/],
    ['photos/COM1.jpg', /reserved by Windows/],
    ['photos/lpt9', /reserved by Windows/],
    ['photos/a.', /ends with a dot or a space/],
    ['photos/a ', /ends with a dot or a space/],
    ['a.', /ends with a dot/],
    ['photos//a.jpg', /empty path segment/],
    ['photos/./a.jpg', /"\." path segment/],
    ['photos/a|b.jpg', /Windows does not allow/],
    [`photos/${'a'.repeat(240)}.jpg`, /longer than 240/],
    ['photos/a/b/c/d/e/f/g/h/i.jpg', /deeper than 8/],
    ['evil.txt', /outside the story folder layout/],
    ['Story.json', /outside the story folder layout/],
    ['photos/a/b.jpg', /outside the story folder layout/],
    ['other/', /folder outside/],
    ['revisions/1.txt', /\.json files/],
    ['photos/renditions', /renditions folder/],
    ['photos/Renditions', /renditions folder/],
    ['photos/.hidden.jpg', /hidden or temporary/],
    ['photos/.a.jpg.1234.tmp', /hidden or temporary/],
    ['photos/照片.jpg', /may only use the letters/],
    ['photos/café.jpg', /may only use the letters/],
    ['photos/a b.jpg', /may only use the letters/],
    ['photos/\u202egpj.exe', /may only use the letters/],
    ['story.json/', /folder outside/],
  ])('refuses %j', (name, why) => {
    const text = reason(name);
    expect(text).toMatch(why);
    if (name !== '') expect(text).toContain(`Package entry ${describeEntryName(name)} is refused:`);
  });

  it('names the entry safely in messages', () => {
    expect(describeEntryName('a\u0000b')).toBe('"a\\u0000b"');
    expect(describeEntryName('x'.repeat(300)).length).toBeLessThan(130);
    expect(reason('../../evil.txt')).toBe('Package entry "../../evil.txt" is refused: it climbs out of the story folder with "..".');
  });
});
