/**
 * Durable, atomic file replacement: temp file in the same folder → write → fsync → rename →
 * fsync the folder. A crash at any instant leaves the old or the new content, never a torn or
 * empty file.
 *
 * Written here rather than taken from `write-file-atomic` because we need two things it does
 * not do: retrying the rename with backoff when Windows antivirus/indexers hold the target
 * (EPERM/EBUSY/EACCES), and fsyncing the directory so the rename itself survives power loss.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

const RETRYABLE = new Set(['EPERM', 'EBUSY', 'EACCES']);

export interface AtomicWriteOptions {
  /** Rename attempts on Windows-style transient locks before giving up (default 8, ≈2.5 s total). */
  readonly retries?: number;
  readonly mode?: number;
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

export async function renameWithRetry(from: string, to: string, retries = 8): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      if (attempt >= retries || !RETRYABLE.has(errorCode(error) ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(20 * 2 ** attempt, 1000)));
    }
  }
}

/** Makes a rename in `dir` durable (not possible, and not needed, on Windows). */
export async function fsyncDir(dir: string): Promise<void> {
  // Directories cannot be opened for fsync on Windows; elsewhere this makes the rename durable.
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', options.mode ?? 0o644);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, file, options.retries);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await fsyncDir(dir);
}
