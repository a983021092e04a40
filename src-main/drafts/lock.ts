/**
 * Writers take the library lock for the few milliseconds a change needs, so two app instances
 * or a CLI run never write the same story at once.
 *
 * Hand-written rather than `proper-lockfile` because a reporter's laptop crashes: after a
 * crash (or SIGKILL) the next launch must not wait out a stale-lock timeout (proper-lockfile's
 * minimum is 2 s per lock, and it cannot tell a dead owner from a slow one). Here the lock
 * file says who holds it (pid, host, random token); a lock whose owner process is gone on
 * this machine is taken over at once, one from another machine (a shared folder) after
 * `staleMs` without a heartbeat. In-process, a promise queue makes our own operations wait
 * their turn instead of spinning on the file.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { OpFailure } from '../../src-shared/api/result.js';
import { ioFailure } from './ioErrors.js';

export interface LibraryLock {
  run<T>(fn: () => Promise<T>): Promise<T>;
}

interface Owner {
  pid: number;
  host: string;
  token: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

function parseOwner(text: string): Owner | null {
  try {
    const owner = JSON.parse(text) as Partial<Owner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' && typeof owner.token === 'string' ? (owner as Owner) : null;
  } catch {
    return null;
  }
}

export function createLibraryLock(root: string, lockPath: string, options: { staleMs?: number; waitMs?: number } = {}): LibraryLock {
  let queue: Promise<unknown> = Promise.resolve();
  const staleMs = options.staleMs ?? 30_000;
  const waitMs = options.waitMs ?? 15_000;
  const host = os.hostname();

  /** True when the lock we just read is abandoned. */
  async function isStale(text: string, mtimeMs: number): Promise<boolean> {
    const owner = parseOwner(text);
    const age = Date.now() - mtimeMs;
    if (!owner) return age > 2000; // a crash between creating and writing the lock file
    if (owner.host === host) return !alive(owner.pid);
    return age > staleMs;
  }

  /** Removes a stale lock, making sure it is the one we judged (not a fresh one taken meanwhile). */
  async function takeOver(seen: string): Promise<void> {
    const aside = `${lockPath}.stale-${randomBytes(6).toString('hex')}`;
    try {
      await fs.rename(lockPath, aside);
    } catch {
      return; // someone else already removed it
    }
    const moved = await fs.readFile(aside, 'utf8').catch(() => '');
    if (moved !== seen) await fs.link(aside, lockPath).catch(() => undefined); // put a fresh lock back
    await fs.rm(aside, { force: true });
  }

  async function acquire(): Promise<() => Promise<void>> {
    const owner: Owner = { pid: process.pid, host, token: randomBytes(12).toString('hex') };
    const content = JSON.stringify(owner);
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        // One call creates and fills the lock (O_EXCL); it is on the path of every autosave.
        await fs.writeFile(lockPath, content, { flag: 'wx' });
        const heartbeat = setInterval(
          () => {
            const now = new Date();
            void fs.utimes(lockPath, now, now).catch(() => undefined);
          },
          Math.max(staleMs / 3, 1000),
        );
        heartbeat.unref();
        // While we live nobody takes our lock over (same host checks our pid; others wait for a
        // missed heartbeat), so releasing is a plain delete.
        return async () => {
          clearInterval(heartbeat);
          await fs.rm(lockPath, { force: true });
        };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT')
          throw new OpFailure('io-error', `The library folder ${root} is missing (deleted or disconnected). Nothing was changed.`);
        if (code !== 'EEXIST') {
          // e.g. disk full after the file was created: remove it if it is an empty or our own lock.
          const left = await fs.readFile(lockPath, 'utf8').catch(() => null);
          if (left === '' || left === content) await fs.rm(lockPath, { force: true }).catch(() => undefined);
          throw ioFailure(error, `Cannot write to the library ${root}`);
        }
      }
      const [text, stat] = await Promise.all([fs.readFile(lockPath, 'utf8').catch(() => null), fs.stat(lockPath).catch(() => null)]);
      if (text !== null && stat && (await isStale(text, stat.mtimeMs))) {
        await takeOver(text);
        continue;
      }
      if (Date.now() - started > waitMs) {
        const holder = text ? parseOwner(text) : null;
        const who = holder ? `process ${holder.pid} on ${holder.host}` : 'another program';
        throw new OpFailure('io-error', `The library ${root} is busy (locked by ${who}). Nothing was changed; try again.`);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(2 * 2 ** attempt, 50)));
    }
  }

  return {
    run<T>(fn: () => Promise<T>): Promise<T> {
      const next = queue.then(async () => {
        const release = await acquire();
        try {
          return await fn();
        } finally {
          await release().catch(() => undefined);
        }
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
