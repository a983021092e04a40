/**
 * The editing context menu (right-click): spelling suggestions from Electron's spellchecker
 * first, "Add to dictionary", then cut/copy/paste. Pure, so the rules are unit-tested; the
 * Electron layer turns it into a Menu.
 */
import type { UiLanguage } from '../../src-shared/api/settings.js';

export interface ContextParams {
  readonly isEditable: boolean;
  readonly misspelledWord: string;
  readonly dictionarySuggestions: readonly string[];
  readonly selectionText: string;
}

export type ContextItem =
  | { readonly kind: 'suggestion'; readonly label: string }
  | { readonly kind: 'add-to-dictionary'; readonly label: string; readonly word: string }
  | { readonly kind: 'role'; readonly role: 'cut' | 'copy' | 'paste' | 'selectAll' }
  | { readonly kind: 'separator' };

const labels = {
  en: { add: 'Add to Dictionary', none: 'No Guesses Found' },
  'zh-Hant': { add: '加入字典', none: '沒有建議' },
  'zh-Hans': { add: '添加到词典', none: '没有建议' },
} satisfies Record<UiLanguage, Record<string, string>>;

export function contextMenuItems(params: ContextParams, language: UiLanguage): ContextItem[] {
  const l = labels[language];
  const items: ContextItem[] = [];
  if (params.isEditable && params.misspelledWord) {
    const suggestions = params.dictionarySuggestions.slice(0, 6);
    if (suggestions.length === 0) items.push({ kind: 'suggestion', label: l.none });
    for (const suggestion of suggestions) items.push({ kind: 'suggestion', label: suggestion });
    items.push({ kind: 'add-to-dictionary', label: l.add, word: params.misspelledWord }, { kind: 'separator' });
  }
  if (params.isEditable) items.push({ kind: 'role', role: 'cut' }, { kind: 'role', role: 'copy' }, { kind: 'role', role: 'paste' });
  else if (params.selectionText) items.push({ kind: 'role', role: 'copy' });
  if (params.isEditable) items.push({ kind: 'separator' }, { kind: 'role', role: 'selectAll' });
  return items;
}
