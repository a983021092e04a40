/**
 * The crash-safety experiment, shared by the test (≥200 kills) and the benchmark (≥1,000):
 * start a child that saves in a loop, SIGKILL it at a random moment, then check the story
 * file: it must parse, be the last acknowledged version or the one after it (a save in flight
 * may have landed), and never be empty or torn.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readStoryFile } from '../storyFile.js';
import { DraftStore } from '../DraftStore.js';

/** The deterministic content of revision n: a story that grows (and wraps at ~40 KB). */
export function versionContent(n: number): { headline: string; editorState: unknown } {
  const paragraphs = 1 + (n % 120);
  const children = Array.from({ length: paragraphs }, (_, i) => ({
    type: 'paragraph',
    version: 1,
    children: [
      {
        type: 'text',
        version: 1,
        text: `第${n}版第${i}段：贛江新區 budget vote ${'濱江市民公園二期竣工，周末起免費開放。'.repeat(1 + (i % 5))}`,
      },
    ],
  }));
  return { headline: `v${n}`, editorState: { root: { type: 'root', version: 1, children } } };
}

export interface CrashLoopResult {
  kills: number;
  /** Story files that did not parse or were empty after a kill (must be 0). */
  torn: number;
  /** Kills after which the file was older than the last acknowledged save (must be 0). */
  lost: number;
  /** Kills after which the file's content did not match its revision number (must be 0). */
  mismatched: number;
  acknowledgedSaves: number;
  finalRevision: number;
  failures: string[];
}

function runChildUntilKilled(childScript: string, root: string, id: string, killAfterMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, root, id], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lastAck: number | null = null;
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^ACK (\d+)$/.exec(line);
      if (match) lastAck = Number(match[1]);
      // The kill clock starts at the first acknowledged save, so kills land mid-save.
      timer ??= setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve(lastAck);
      else reject(new Error(`crash child exited on its own (code ${code}): ${stderr}`));
    });
  });
}

export async function runCrashLoop(options: { root: string; childScript: string; kills: number; seed?: number }): Promise<CrashLoopResult> {
  const store = await DraftStore.open({ root: options.root });
  const story = await store.create({ headline: 'v0', language: 'zh-Hant' });
  let seed = options.seed ?? 1;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const result: CrashLoopResult = { kills: 0, torn: 0, lost: 0, mismatched: 0, acknowledgedSaves: 0, finalRevision: 0, failures: [] };
  let acknowledged = 0;
  for (let i = 0; i < options.kills; i++) {
    const before = acknowledged;
    const lastAck = await runChildUntilKilled(options.childScript, options.root, story.id, Math.floor(random() * 25));
    result.kills++;
    if (lastAck !== null) {
      result.acknowledgedSaves += lastAck - before;
      acknowledged = lastAck;
    }
    const read = await readStoryFile(store.layout.storyFile(story.id));
    if (read.kind !== 'ok') {
      result.torn++;
      result.failures.push(`kill ${i}: story file is ${read.kind}${read.kind === 'damaged' ? ` (${read.reason})` : ''}`);
      break;
    }
    const { revision } = read.story;
    if (revision < acknowledged) {
      result.lost++;
      result.failures.push(`kill ${i}: file is at revision ${revision} but ${acknowledged} was acknowledged`);
    }
    if (revision > 0) {
      const expected = versionContent(revision);
      if (
        read.story.meta.headline !== expected.headline ||
        JSON.stringify(read.story.content.editorState) !== JSON.stringify(expected.editorState)
      ) {
        result.mismatched++;
        result.failures.push(`kill ${i}: revision ${revision} does not hold version ${revision}'s content`);
      }
    }
    acknowledged = Math.max(acknowledged, revision);
    result.finalRevision = revision;
  }
  return result;
}
