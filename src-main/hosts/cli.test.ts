/** The CLI in-process (exit codes, output) and the built bin as a black box. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './cli.js';

const BIN = path.resolve(__dirname, '..', '..', 'dist', 'main', 'cli.cjs');
let configDir: string;

beforeEach(() => {
  configDir = mkdtempSync(path.join(os.tmpdir(), 'copydesk-cli-'));
  process.env.COPYDESK_CONFIG_DIR = configDir;
  delete process.env.COPYDESK_LIBRARY;
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('copydesk CLI', () => {
  it('--help and --version exit 0; no command is a usage error', async () => {
    expect(await run('--help')).toMatchObject({ code: 0, out: expect.stringContaining('Usage: copydesk') });
    expect((await run('--version')).out).toMatch(/^\d+\.\d+\.\d+/);
    expect((await run()).code).toBe(2);
  });

  it('usage errors exit 2 with a message on stderr', async () => {
    for (const argv of [
      ['bogus'],
      ['--nope', 'info'],
      ['info', 'extra'],
      ['settings', 'set'],
      ['settings', 'set', 'colour=red'],
      ['settings', 'frob'],
      ['--library'],
    ]) {
      const result = await run(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err, argv.join(' ')).toMatch(/^copydesk: /);
    }
  });

  it('info reports the library from --library, COPYDESK_LIBRARY or the default', async () => {
    const lib = path.join(configDir, '稿庫 Library');
    const json = JSON.parse((await run('--library', lib, 'info', '--json')).out);
    expect(json).toMatchObject({ name: 'Copydesk', host: 'cli', libraryPath: lib });
    process.env.COPYDESK_LIBRARY = path.join(configDir, 'env-lib');
    expect(JSON.parse((await run('info', '--json')).out).libraryPath).toBe(path.join(configDir, 'env-lib'));
    expect((await run('info', '--library', lib)).out).toContain(`Library: ${lib}`);
  });

  it('settings set persists and a failing operation exits 1 with one line', async () => {
    expect((await run('settings', 'set', 'theme=dark', 'language=zh-Hant', 'headlineLimit=30')).code).toBe(0);
    expect(JSON.parse((await run('settings', '--json')).out)).toMatchObject({ theme: 'dark', language: 'zh-Hant', headlineLimit: 30 });
    const bad = await run('settings', 'set', 'theme=neon');
    expect(bad.code).toBe(1);
    expect(bad.err.split('\n')).toHaveLength(1);
    expect(bad.err).toContain('theme');
    expect(JSON.parse((await run('settings', '--json')).out).theme).toBe('dark');
  });

  it('web refuses bad options before starting', async () => {
    expect((await run('web', '--port', 'eighty')).code).toBe(2);
    expect((await run('web', '--lang', 'fr')).code).toBe(2);
  });
});

describe('built bin', () => {
  const exec = promisify(execFile);
  it('exits 0 / 2 / 1 as documented', async () => {
    expect(existsSync(BIN), 'run "npm run build" first').toBe(true);
    const env = { ...process.env, COPYDESK_CONFIG_DIR: configDir };
    expect((await exec(process.execPath, [BIN, '--version'], { env })).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    await expect(exec(process.execPath, [BIN, 'frobnicate'], { env })).rejects.toMatchObject({ code: 2 });
    await expect(exec(process.execPath, [BIN, 'settings', 'set', 'theme=neon'], { env })).rejects.toMatchObject({ code: 1 });
  });
});
