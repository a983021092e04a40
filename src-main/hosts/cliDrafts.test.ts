/** The drafts commands end to end through the CLI, on a real library in a temp folder. */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './cli.js';

let dir: string;
let library: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'copydesk-cli-drafts-'));
  library = path.join(dir, '稿庫');
  process.env.COPYDESK_CONFIG_DIR = path.join(dir, 'config');
  delete process.env.COPYDESK_LIBRARY;
});

async function cd(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--library', library, ...argv], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const json = async (...argv: string[]) => {
  const result = await cd(...argv, '--json');
  expect(result.code, result.err).toBe(0);
  return JSON.parse(result.out);
};

describe('copydesk drafts commands', () => {
  it('new, list, show, set, history, restore', async () => {
    const created = await cd('new', '--headline', '濱江市民公園二期竣工', '--lang', 'zh-Hant', '--section', '本地');
    expect(created.code).toBe(0);
    const id = created.out.trim();
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect((await json('list')).stories).toMatchObject([{ id, headline: '濱江市民公園二期竣工', section: '本地', status: 'draft' }]);
    expect((await cd('set', id, 'deck=周末起免費開放', 'tags=市政,公園', 'status=ready')).code).toBe(0);
    const shown = await json('show', id);
    expect(shown.story.meta).toMatchObject({ deck: '周末起免費開放', tags: ['市政', '公園'], status: 'ready' });
    expect((await cd('show', id)).out).toContain('周末起免費開放');
    expect((await json('list', '--status', 'ready')).stories).toHaveLength(1);
    expect((await json('list', '--status', 'draft,editing')).stories).toHaveLength(0);
    const history = await json('history', id);
    expect(history.map((r: { reason: string }) => r.reason)).toEqual(['status', 'created']);
    const restored = await json('restore', id, '0');
    expect(restored.meta.deck).toBe('');
    expect((await json('version', id, '--label', 'To desk')).label).toBe('To desk');
  });

  it('rm, trash, untrash, empty', async () => {
    const id = (await cd('new', '--headline', 'x')).out.trim();
    expect((await cd('rm', id)).code).toBe(0);
    expect((await json('list')).stories).toEqual([]);
    expect(await json('trash')).toMatchObject([{ id, headline: 'x' }]);
    expect((await cd('untrash', id)).code).toBe(0);
    expect((await json('list')).stories).toHaveLength(1);
    await cd('rm', id);
    expect(await json('trash', '--empty')).toEqual({ removed: 1 });
  });

  it('pack and unpack hand a story over; a clash makes a copy', async () => {
    const id = (await cd('new', '--headline', 'Hand-off')).out.trim();
    const file = path.join(dir, 'hand off 稿.cdraft');
    expect(await json('pack', id, '--out', file, '--revisions')).toMatchObject({ file, entries: expect.any(Number) });
    const editorLibrary = library;
    library = path.join(dir, 'editor');
    expect(await json('unpack', file)).toMatchObject({ id, copied: false });
    expect(await json('unpack', file)).toMatchObject({ id, unchanged: true });
    await cd('set', id, 'headline=Edited by the desk');
    const again = await json('unpack', file);
    expect(again).toMatchObject({ copied: true, message: expect.stringContaining('copy') });
    expect(again.id).not.toBe(id);
    expect((await json('list')).stories.map((s: { headline: string }) => s.headline).sort()).toEqual(['Edited by the desk', 'Hand-off']);
    library = editorLibrary;
  });

  it('check exits 1 when something is wrong', async () => {
    const id = (await cd('new', '--headline', 'fine')).out.trim();
    expect((await cd('check')).code).toBe(0);
    writeFileSync(path.join(library, 'stories', id, 'story.json'), '{"trunc');
    const check = await cd('check');
    expect(check.code).toBe(1);
    expect(check.out).toContain(id);
    expect((await json('list')).damaged).toMatchObject([{ id }]);
    expect((await cd('recover', id)).code).toBe(0);
    expect((await cd('check')).code).toBe(0);
  });

  it('usage errors exit 2, failures exit 1 with one line', async () => {
    for (const argv of [
      ['new'],
      ['new', '--headline', 'x', '--lang', 'fr'],
      ['list', '--status', 'done'],
      ['show'],
      ['restore', 'x', 'y'],
      ['pack', 'ID'],
      ['set', 'ID', 'colour=red'],
    ]) {
      const result = await cd(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
    }
    const missing = await cd('show', '01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect(missing.code).toBe(1);
    expect(missing.err.split('\n')).toHaveLength(1);
    const garbage = path.join(dir, 'garbage.cdraft');
    writeFileSync(garbage, 'not a zip at all');
    const bad = await cd('unpack', garbage);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/garbage\.cdraft/);
    expect(existsSync(path.join(library, 'stories'))).toBe(true);
  });
});
