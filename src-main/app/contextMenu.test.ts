import { describe, expect, it } from 'vitest';
import { contextMenuItems } from './contextMenu.js';

const base = { isEditable: true, misspelledWord: '', dictionarySuggestions: [], selectionText: '' };

describe('context menu', () => {
  it('offers spelling suggestions and add-to-dictionary for a misspelled word', () => {
    const items = contextMenuItems({ ...base, misspelledWord: 'councl', dictionarySuggestions: ['council', 'councils'] }, 'en');
    expect(items.slice(0, 3)).toEqual([
      { kind: 'suggestion', label: 'council' },
      { kind: 'suggestion', label: 'councils' },
      { kind: 'add-to-dictionary', label: 'Add to Dictionary', word: 'councl' },
    ]);
    expect(items.filter((i) => i.kind === 'role').map((i) => (i.kind === 'role' ? i.role : ''))).toEqual([
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
  });

  it('says when there are no guesses, in the UI language', () => {
    expect(contextMenuItems({ ...base, misspelledWord: 'xqzv' }, 'zh-Hant')[0]).toEqual({ kind: 'suggestion', label: '沒有建議' });
  });

  it('only offers copy on read-only text with a selection, and nothing without one', () => {
    expect(contextMenuItems({ ...base, isEditable: false, selectionText: '濱江' }, 'en')).toEqual([{ kind: 'role', role: 'copy' }]);
    expect(contextMenuItems({ ...base, isEditable: false }, 'en')).toEqual([]);
  });
});
