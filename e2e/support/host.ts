/**
 * Starts the real browser host (`copydesk web`, the built CLI) in a child process with a fresh
 * library and config folder, and reads the URL from its first stdout line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningHost {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly library: string;
  readonly configDir: string;
  readonly firstLine: string;
  stop(): Promise<void>;
}

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'main', 'cli.cjs');

export async function startHost(extraArgs: readonly string[] = []): Promise<RunningHost> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'copydesk-e2e-'));
  const library = path.join(root, 'Library 稿庫');
  const configDir = path.join(root, 'config');
  const child: ChildProcess = spawn(process.execPath, [CLI, 'web', '--no-open', '--library', library, ...extraArgs], {
    env: { ...process.env, COPYDESK_CONFIG_DIR: configDir, COPYDESK_LIBRARY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`copydesk web printed nothing in 15 s. stderr: ${stderr}`)), 15_000);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`copydesk web exited with ${code}: ${stderr}`)));
  });
  const match = /^Copydesk running at (http:\/\/127\.0\.0\.1:\d+\/\?token=([A-Za-z0-9_-]+))$/.exec(firstLine);
  if (!match) throw new Error(`Unexpected first line from copydesk web: ${firstLine}`);
  const url = match[1]!;
  return {
    url,
    origin: new URL(url).origin,
    token: match[2]!,
    library,
    configDir,
    firstLine,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}
