/**
 * electron-builder.yml, checked twice: statically against electron-builder's own JSON schema,
 * and by packaging for real (offline: `--dir --linux --x64` against a stub Electron binary)
 * to assert what ends up in app.asar and that the security fuses were flipped.
 * Needs a fresh `npm run build` (npm test runs it before the unit tests).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants.js';
import Ajv from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const fromRoot = (...parts: string[]) => path.join(ROOT, ...parts);
// Parse with the very js-yaml electron-builder uses to load its config.
const yaml = createRequire(fromRoot('node_modules', 'app-builder-lib', 'package.json'))('js-yaml') as { load(text: string): unknown };
const schema = JSON.parse(readFileSync(fromRoot('node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const pkg = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { main: string; devDependencies: Record<string, string> };

type Config = {
  directories: { buildResources: string };
  mac: { icon: string; entitlements: string; entitlementsInherit: string };
  win: { icon: string };
  linux: { icon: string };
};
const loadConfig = (): unknown => yaml.load(readFileSync(fromRoot('electron-builder.yml'), 'utf8'));

describe('electron-builder.yml', () => {
  it('is valid against app-builder-lib/scheme.json', () => {
    const ok = validate(loadConfig());
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator rejects a typo’d key and a wrong type', () => {
    const config = loadConfig() as Record<string, unknown>;
    expect(validate({ ...config, productNme: 'Copydesk' })).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'productNme' } }),
    );
    expect(validate({ ...config, electronFuses: { runAsNode: 'no' } })).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: '/electronFuses/runAsNode', keyword: 'type' }));
  });

  it('refers only to files that exist (icons, entitlements)', () => {
    const config = loadConfig() as Config;
    const resource = (file: string) => fromRoot(config.directories.buildResources, file);
    for (const file of [resource(config.mac.icon), resource(config.win.icon), resource(config.linux.icon)])
      expect(existsSync(file), file).toBe(true);
    for (const file of [config.mac.entitlements, config.mac.entitlementsInherit]) expect(existsSync(fromRoot(file)), file).toBe(true);
    const png = readFileSync(resource(config.linux.icon));
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)]; // IHDR
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(512);
  });
});

/** Electron's default fuse wire ('1' enabled, '0' disabled), in FuseV1Options order. */
const ELECTRON_DEFAULT_WIRE: Record<FuseV1Options, 0 | 1> = {
  [FuseV1Options.RunAsNode]: 1,
  [FuseV1Options.EnableCookieEncryption]: 0,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: 1,
  [FuseV1Options.EnableNodeCliInspectArguments]: 1,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: 0,
  [FuseV1Options.OnlyLoadAppFromAsar]: 0,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: 0,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: 1,
};

/** A fake linux Electron dist: just an `electron` file carrying the fuse sentinel and default wire. */
function writeStubElectron(dir: string): void {
  const wire = Object.values(ELECTRON_DEFAULT_WIRE).join('');
  const body = `#!/bin/sh\necho 'stub Electron for packaging tests' >&2\nexit 1\n${SENTINEL}\x01${String.fromCharCode(wire.length)}${wire}\n`;
  writeFileSync(path.join(dir, 'electron'), Buffer.from(body, 'latin1'), { mode: 0o755 });
}

/** Runs the electron-builder CLI from the project root; resolves with its output, rejects with it. */
async function runElectronBuilder(args: string[]): Promise<string> {
  const env = {
    ...process.env,
    NO_UPDATE_NOTIFIER: '1', // no npm registry call to check for a newer electron-builder
    ELECTRON_BUILDER_OFFLINE: 'true', // (only Windows signing reads it today: no timestamp-server calls)
    CSC_IDENTITY_AUTO_DISCOVERY: 'false', // no code signing
    USE_HARD_LINKS: 'false', // copy, never hard-link, so flipping fuses cannot touch the stub or node_modules
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [fromRoot('node_modules', 'electron-builder', 'cli.js'), ...args],
      {
        cwd: ROOT,
        env,
        timeout: 240_000,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '', message } = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`electron-builder failed: ${message}\n${stdout}\n${stderr}`, { cause: error });
  }
}

describe('packaged app (electron-builder --dir --linux --x64, stub Electron)', () => {
  let tmp: string;
  let appDir: string;
  let files: string[];

  beforeAll(async () => {
    if (!existsSync(fromRoot('dist', 'main', 'main.cjs'))) throw new Error('dist/main/main.cjs is missing: run `npm run build` first.');
    tmp = mkdtempSync(path.join(os.tmpdir(), 'copydesk-package-'));
    const stub = path.join(tmp, 'electron-dist');
    mkdirSync(stub);
    writeStubElectron(stub);
    await runElectronBuilder([
      '--dir',
      '--linux',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${stub}`,
      `-c.directories.output=${path.join(tmp, 'release')}`,
      '-c.npmRebuild=false', // sharp uses N-API prebuilds; a rebuild would need Electron headers (network)
    ]);
    appDir = path.join(tmp, 'release', 'linux-unpacked');
    files = listPackage(path.join(appDir, 'resources', 'app.asar'), { isPack: false });
  }, 240_000);

  afterAll(() => tmp && rmSync(tmp, { recursive: true, force: true }));

  it('app.asar holds the bundles, the renderer and package.json, fresh from dist/', () => {
    for (const file of [
      '/dist/main/main.cjs',
      '/dist/main/preload.cjs',
      '/dist/main/cli.cjs',
      '/dist/renderer/index.html',
      '/package.json',
    ]) {
      expect(files, file).toContain(file);
    }
    expect(files, 'package.json#main must be packaged').toContain(`/${pkg.main}`);
    const packaged = extractFile(path.join(appDir, 'resources', 'app.asar'), 'dist/main/main.cjs');
    expect(packaged.equals(readFileSync(fromRoot('dist', 'main', 'main.cjs'))), 'app.asar has a stale main.cjs').toBe(true);
  });

  it('app.asar holds no sources, maps, tests, docs or dev dependencies', () => {
    const offending = files.filter(
      (file) =>
        /\.(ts|tsx|mts|cts|map)$/.test(file) ||
        /\.(test|spec)\.[cm]?js$/.test(file) ||
        /^\/(src-main|src-renderer|src-shared|e2e|bench|docs|assets|release|test-results)(\/|$)/.test(file) ||
        /^\/node_modules\/\.bin(\/|$)/.test(file),
    );
    expect(offending).toEqual([]);
    const devDependencies = Object.keys(pkg.devDependencies).filter((name) => files.includes(`/node_modules/${name}`));
    expect(devDependencies, 'devDependencies are bundled or build tools; none may ship').toEqual([]);
  });

  it('sharp and its platform binaries are unpacked from the asar', () => {
    const unpacked = path.join(appDir, 'resources', 'app.asar.unpacked', 'node_modules');
    expect(existsSync(path.join(unpacked, 'sharp', 'package.json'))).toBe(true);
    const platformPackage = `sharp-${process.platform}-${process.arch}`;
    if (existsSync(fromRoot('node_modules', '@img', platformPackage))) {
      expect(readdirSync(path.join(unpacked, '@img', platformPackage, 'lib')).some((file) => file.endsWith('.node'))).toBe(true);
    }
  });

  it('the security fuses are flipped in the packaged executable', async () => {
    const wire = await getCurrentFuseWire(path.join(appDir, 'copydesk'));
    const state = (enabled: boolean) => (enabled ? FuseState.ENABLE : FuseState.DISABLE);
    expect({ ...wire }).toEqual({
      version: '1',
      [FuseV1Options.RunAsNode]: state(false),
      [FuseV1Options.EnableCookieEncryption]: state(true),
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: state(false),
      [FuseV1Options.EnableNodeCliInspectArguments]: state(false),
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: state(true),
      [FuseV1Options.OnlyLoadAppFromAsar]: state(true),
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: state(false),
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: state(false),
    });
  });
});
