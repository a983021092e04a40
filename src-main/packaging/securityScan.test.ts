/**
 * Electronegativity (Doyensec's Electron security scanner) over what we ship: the dist/main
 * bundles and dist/renderer. Any HIGH or MEDIUM finding fails, unless it is a reviewed
 * exception below, with its reason. Needs a fresh `npm run build`.
 *
 * How it is run, and why not plainly `electronegativity -i dist/main -o report.csv`:
 * - It only analyses .js/.jsx/.ts/.tsx/.html/.htm files and would silently skip our .cjs
 *   bundles (0 files scanned, 0 findings), so dist/ is staged with .cjs renamed to .js.
 * - Its CSV writer races: the header and the rows are two concurrent async writes and the
 *   header can land on top of the first row, losing that finding (seen here). So we call
 *   its runner, the function behind the CLI, in a child process and take the findings as
 *   JSON, with severities and parse errors.
 * - Network: AvailableSecurityFixesGlobalCheck downloads Electron's release list from
 *   GitHub (no timeout), so it is excluded (the CLI's `-x`); the Electron version is pinned
 *   (the CLI's `-e`). Its start-up fetch of translations has a 1 s timeout and fails
 *   harmlessly offline, using the bundled en-US strings.
 * - A known-bad canary file is scanned alongside our files and must be flagged, so the
 *   test cannot pass vacuously.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const ELECTRON_VERSION = (
  JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }
).version;
const CANARY = 'scan-canary.js';

type Finding = {
  id: string;
  severity: 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';
  confidence: string;
  file: string;
  line: number;
  description: string;
};
type Report = { atomicChecks: number; globalChecks: number; errors: { file: string; message: string }[]; issues: Finding[] };
type Exception = { id: string; file: string; maxCount: number; reason: string; stillTrue: () => boolean };

const mainBundle = () => readFileSync(path.join(ROOT, 'dist', 'main', 'main.cjs'), 'utf8');

/** Reviewed HIGH/MEDIUM findings. Each covers at most `maxCount` findings, so a new call site needs its own review. */
const EXCEPTIONS: Exception[] = [
  {
    id: 'CSP_GLOBAL_CHECK',
    file: 'N/A',
    maxCount: 1,
    reason:
      'False positive. The CSP is a response header on every app:// response (src-main/app/csp.ts, served by protocol.ts); ' +
      'the scanner only sees <meta http-equiv> tags and session.webRequest.onHeadersReceived.',
    stillTrue: () => mainBundle().includes('Content-Security-Policy') && mainBundle().includes("default-src 'none'"),
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'main/main.js',
    maxCount: 1,
    reason:
      'Reviewed (TENTATIVE, manual review). The single shell.openExternal call (src-main/app/window.ts) only receives ' +
      'decideNavigation().url, i.e. externalUrl(): WHATWG-parsed https URLs with a host and no credentials (navigation.test.ts).',
    stillTrue: () => (mainBundle().match(/\.openExternal\(/g) ?? []).length === 1 && mainBundle().includes('.openExternal(decision.url)'),
  },
];

const CANARY_SOURCE = `// Known-bad code: the scan must flag this, proving the staged files are really analysed.
const { BrowserWindow } = require('electron');
module.exports = () => new BrowserWindow({ webPreferences: { nodeIntegration: true } });
`;

/** Runs Electronegativity's runner in a child process; resolves with its findings. */
async function scan(input: string, reportFile: string): Promise<Report> {
  const script = `
    const [runner, options, out] = process.argv.slice(1);
    require(runner)(JSON.parse(options), false).then((r) => {
      const issues = r.issues.map((i) => ({ id: i.id, severity: i.severity.name, confidence: i.confidence.name, file: i.file, line: i.location.line, description: i.description }));
      require('fs').writeFileSync(out, JSON.stringify({ atomicChecks: r.atomicChecks, globalChecks: r.globalChecks, errors: r.errors, issues }, null, 2));
    });`;
  const options = {
    input,
    isRelative: true,
    customScan: [],
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'.toLowerCase()], // needs the network
    electronVersionOverride: ELECTRON_VERSION,
    parserPlugins: [],
  };
  const runner = path.join(ROOT, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'runner.js');
  await promisify(execFile)(process.execPath, ['-e', script, runner, JSON.stringify(options), reportFile], {
    cwd: path.dirname(reportFile),
    env: { ...process.env, LANG: 'en-US' },
    timeout: 120_000,
  });
  return JSON.parse(readFileSync(reportFile, 'utf8')) as Report;
}

/** Copies dist/main and dist/renderer to `stage`, renaming .cjs to .js so the scanner reads them. */
function stageDist(stage: string): string[] {
  const staged: string[] = [];
  for (const part of ['main', 'renderer']) {
    const from = path.join(ROOT, 'dist', part);
    for (const file of readdirSync(from, { recursive: true, encoding: 'utf8' })) {
      if (!/\.(cjs|js|html)$/.test(file)) continue;
      const target = path.join(part, file.replace(/\.cjs$/, '.js'));
      mkdirSync(path.dirname(path.join(stage, target)), { recursive: true });
      cpSync(path.join(from, file), path.join(stage, target));
      staged.push(target.split(path.sep).join('/'));
    }
  }
  writeFileSync(path.join(stage, CANARY), CANARY_SOURCE);
  return staged;
}

const isBlocking = (f: Finding) => f.severity === 'HIGH' || f.severity === 'MEDIUM';
const exceptionFor = (f: Finding) => EXCEPTIONS.find((e) => e.id === f.id && e.file === f.file);

describe('Electronegativity security scan of dist/', () => {
  let tmp: string;
  let staged: string[];
  let report: Report;
  let ours: Finding[];

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist', 'main', 'main.cjs')))
      throw new Error('dist/main/main.cjs is missing: run `npm run build` first.');
    tmp = mkdtempSync(path.join(os.tmpdir(), 'copydesk-scan-'));
    staged = stageDist(path.join(tmp, 'dist'));
    report = await scan(path.join(tmp, 'dist'), path.join(tmp, 'report.json'));
    ours = report.issues.filter((f) => f.file !== CANARY);
    const summary = ours.map(
      (f) =>
        `${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.id} ${f.file}:${f.line}${exceptionFor(f) ? ' (reviewed exception)' : ''}`,
    );
    console.info(
      `Electronegativity: ${staged.length} files, ${report.atomicChecks + report.globalChecks} checks\n  ${summary.join('\n  ') || 'no findings'}`,
    );
  }, 180_000);

  afterAll(() => tmp && rmSync(tmp, { recursive: true, force: true }));

  it('really analysed our bundles (no parse errors; the canary is flagged)', () => {
    expect(staged).toEqual(expect.arrayContaining(['main/main.js', 'main/preload.js', 'main/cli.js', 'renderer/index.html']));
    expect(report.atomicChecks).toBeGreaterThan(10);
    expect(report.errors).toEqual([]);
    expect(report.issues).toContainEqual(expect.objectContaining({ id: 'CONTEXT_ISOLATION_JS_CHECK', severity: 'HIGH', file: CANARY }));
  });

  it('has no HIGH or MEDIUM finding except the reviewed exceptions', () => {
    const unexplained = ours.filter((f) => isBlocking(f) && !exceptionFor(f));
    expect(unexplained).toEqual([]);
    for (const exception of EXCEPTIONS) {
      const covered = ours.filter((f) => exceptionFor(f) === exception);
      expect(covered.length, `${exception.id} in ${exception.file}: new occurrences need their own review`).toBeLessThanOrEqual(
        exception.maxCount,
      );
      if (covered.length === 0) console.warn(`Exception ${exception.id} (${exception.file}) no longer matches any finding: remove it.`);
    }
  });

  it('the reasons given for the exceptions still hold', () => {
    for (const exception of EXCEPTIONS) expect(exception.stillTrue(), `${exception.id}: ${exception.reason}`).toBe(true);
  });
});
