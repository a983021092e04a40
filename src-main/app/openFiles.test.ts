import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openableFiles } from './openFiles.js';

describe('openableFiles', () => {
  it('keeps .cdraft paths, resolved against the launching folder, and ignores switches', () => {
    const argv = [
      '--library',
      '/lib',
      'story.cdraft',
      '--inspect=9229',
      '/abs/稿件 Final.CDRAFT',
      'notes.txt',
      '--allow-file-access-from-files',
    ];
    expect(openableFiles(argv, '/home/reporter')).toEqual([
      path.resolve('/home/reporter', 'story.cdraft'),
      path.resolve('/abs/稿件 Final.CDRAFT'),
    ]);
  });
});
