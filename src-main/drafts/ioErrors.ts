/** Turns file-system errors into messages a reporter can act on, naming what was not saved. */
import { OpFailure } from '../../src-shared/api/result.js';

const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the disk is read-only',
  EACCES: 'permission was denied',
  EPERM: 'the file is locked or permission was denied (antivirus or another program may be holding it)',
  EBUSY: 'the file is in use by another program',
  ENOENT: 'the library folder is missing (deleted or disconnected)',
  EMFILE: 'too many files are open',
  EIO: 'the disk reported an input/output error',
};

export function ioFailure(error: unknown, what: string): OpFailure {
  if (error instanceof OpFailure) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason = REASONS[code] ?? (error as Error).message;
  return new OpFailure('io-error', `${what}: ${reason}${code && REASONS[code] ? ` (${code})` : ''}. The version on disk was not changed.`);
}
