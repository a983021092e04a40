/**
 * Which command-line arguments are files the OS asked us to open: a double-clicked `.cdraft`
 * on Windows/Linux arrives in argv (first launch, or the second instance's argv handed over by
 * the single-instance lock). Flags and Chromium switches are ignored.
 */
import path from 'node:path';

export const OPENABLE_EXTENSIONS = ['.cdraft'] as const;

export function openableFiles(argv: readonly string[], cwd: string): string[] {
  return argv
    .filter((arg) => !arg.startsWith('-') && OPENABLE_EXTENSIONS.some((ext) => arg.toLowerCase().endsWith(ext)))
    .map((arg) => path.resolve(cwd, arg));
}
