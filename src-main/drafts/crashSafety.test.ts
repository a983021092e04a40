/**
 * Crash safety as a test, not a claim: a child process saves a growing story in a loop and is
 * SIGKILLed at random moments, 200 times; after every kill the story file must be whole and
 * hold the last acknowledged version or a later one. (The benchmark runs 1,000 kills.)
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCrashLoop } from './testing/crashLoop.js';
import { tempLibraryPath } from './testing/testLibrary.js';

let childScript: string;

beforeAll(async () => {
  childScript = path.join(mkdtempSync(path.join(os.tmpdir(), 'copydesk-crash-')), 'crashChild.cjs');
  await build({
    entryPoints: [path.join(__dirname, 'testing', 'crashChild.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: childScript,
    logLevel: 'error',
  });
});

describe('crash safety', () => {
  it('survives 200 SIGKILLs mid-save with no torn file and no acknowledged save lost', { timeout: 240_000 }, async () => {
    const result = await runCrashLoop({ root: tempLibraryPath(), childScript, kills: 200, seed: 42 });
    expect(result.failures).toEqual([]);
    expect(result).toMatchObject({ kills: 200, torn: 0, lost: 0, mismatched: 0 });
    // The kills really interrupted a busy writer.
    expect(result.acknowledgedSaves).toBeGreaterThan(200);
    console.log(
      JSON.stringify({
        crashLoop: { kills: result.kills, acknowledgedSaves: result.acknowledgedSaves, finalRevision: result.finalRevision },
      }),
    );
  });
});
