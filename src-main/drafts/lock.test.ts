import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLibraryLock } from './lock.js';
import { tempLibraryPath } from './testing/testLibrary.js';

function setup() {
  const root = tempLibraryPath();
  mkdirSync(root, { recursive: true });
  return { root, lockPath: path.join(root, '.copydesk.lock') };
}

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('library lock', () => {
  it('runs one holder at a time and removes its lock file after', async () => {
    const { root, lockPath } = setup();
    const lock = createLibraryLock(root, lockPath);
    const order: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        lock.run(async () => {
          order.push(`${name}+`);
          expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname() });
          await new Promise((resolve) => setTimeout(resolve, 5));
          order.push(`${name}-`);
        }),
      ),
    );
    expect(order).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
    expect(existsSync(lockPath)).toBe(false);
  });

  it('takes over at once from a crashed process on this machine', async () => {
    const { root, lockPath } = setup();
    writeFileSync(lockPath, JSON.stringify({ pid: deadPid(), host: os.hostname(), token: 'x' }));
    const started = Date.now();
    expect(await createLibraryLock(root, lockPath).run(async () => 'ran')).toBe('ran');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('waits for a live holder and then says who holds it', async () => {
    const { root, lockPath } = setup();
    writeFileSync(lockPath, JSON.stringify({ pid: process.pid, host: os.hostname(), token: 'someone-else' }));
    const lock = createLibraryLock(root, lockPath, { waitMs: 300 });
    await expect(lock.run(async () => 'never')).rejects.toMatchObject({
      code: 'io-error',
      message: expect.stringContaining(`process ${process.pid}`),
    });
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).token).toBe('someone-else'); // left alone
  });

  it('treats another machine’s lock as stale only after the stale time without a heartbeat', async () => {
    const { root, lockPath } = setup();
    writeFileSync(lockPath, JSON.stringify({ pid: 1, host: 'reporter-laptop', token: 'x' }));
    const lock = createLibraryLock(root, lockPath, { staleMs: 5000, waitMs: 200 });
    await expect(lock.run(async () => 'fresh lock')).rejects.toMatchObject({ message: expect.stringContaining('reporter-laptop') });
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPath, old, old);
    expect(await lock.run(async () => 'ran')).toBe('ran');
  });

  it('refuses clearly when the library folder is gone', async () => {
    const gone = path.join(tempLibraryPath(), 'unplugged');
    await expect(createLibraryLock(gone, path.join(gone, '.copydesk.lock')).run(async () => 1)).rejects.toMatchObject({
      message: expect.stringContaining('missing'),
    });
  });
});
