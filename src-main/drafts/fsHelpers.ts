/** Small file-system helpers of the drafts store. */
import { promises as fs } from 'node:fs';
import os from 'node:os';

/** The OS user, for "who changed the status" when the caller does not say. */
export function safeUserName(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Copies a folder if it exists (symlinks copied as links, never followed). */
export async function copyDirIfPresent(from: string, to: string): Promise<void> {
  try {
    await fs.cp(from, to, { recursive: true, errorOnExist: false, verbatimSymlinks: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
