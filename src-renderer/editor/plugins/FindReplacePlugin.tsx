/**
 * Find and replace in the story body (Ctrl/⌘+F, or the Edit menu). Matches are found per text
 * node with `findMatches` (case and full/half-width insensitive on request) and shown with the
 * CSS Custom Highlight API, so they stay visible while the caret is in the find box. Replace
 * edits through Lexical, so it is undoable. A match split across differently formatted runs
 * (half bold, half plain) is not found — a known limit.
 */
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getNodeByKey, $getRoot, $isTextNode, type LexicalEditor } from 'lexical';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findMatches, type FindOptions } from '../../../src-shared/text/find.js';

interface Match {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

export const OPEN_FIND_EVENT = 'copydesk:find';

function collect(editor: LexicalEditor, query: string, options: FindOptions): Match[] {
  return editor.getEditorState().read(() =>
    $getRoot()
      .getAllTextNodes()
      .flatMap((node) => findMatches(node.getTextContent(), query, options).map(([start, end]) => ({ key: node.getKey(), start, end }))),
  );
}

function domRange(editor: LexicalEditor, match: Match): Range | null {
  const element = editor.getElementByKey(match.key);
  const text = element?.firstChild;
  if (!text || text.nodeType !== Node.TEXT_NODE || (text.textContent ?? '').length < match.end) return null;
  const range = document.createRange();
  range.setStart(text, match.start);
  range.setEnd(text, match.end);
  return range;
}

type HighlightRegistry = Map<string, unknown>;
function highlights(): HighlightRegistry | null {
  const css = globalThis.CSS as unknown as { highlights?: HighlightRegistry } | undefined;
  return css?.highlights ?? null;
}
function paint(name: string, ranges: Range[]): void {
  const registry = highlights();
  const HighlightCtor = (globalThis as unknown as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;
  if (!registry || !HighlightCtor) return;
  if (ranges.length) registry.set(name, new HighlightCtor(...ranges));
  else registry.delete(name);
}

export function FindReplacePlugin() {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [replacement, setReplacement] = useState('');
  const [matchCase, setMatchCase] = useState(false);
  const [ignoreWidth, setIgnoreWidth] = useState(true);
  // Bumped when the text changes, so matches are recomputed.
  const [docVersion, setDocVersion] = useState(0);
  const [current, setCurrent] = useState(0);
  const findRef = useRef<HTMLInputElement>(null);
  const options: FindOptions = { matchCase, ignoreWidth };

  const matches = useMemo(
    () => (docVersion >= 0 && open && query ? collect(editor, query, { matchCase, ignoreWidth }) : []),
    [editor, open, query, matchCase, ignoreWidth, docVersion],
  );

  useEffect(() => {
    const show = () => {
      setOpen(true);
      requestAnimationFrame(() => findRef.current?.select());
    };
    const onKey = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && !event.shiftKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        show();
      }
    };
    window.addEventListener(OPEN_FIND_EVENT, show);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener(OPEN_FIND_EVENT, show);
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  useEffect(
    () =>
      editor.registerUpdateListener(({ dirtyLeaves, dirtyElements }) => {
        if (dirtyLeaves.size || dirtyElements.size) setDocVersion((v) => v + 1);
      }),
    [editor],
  );

  const index = matches.length ? Math.min(current, matches.length - 1) : -1;
  useEffect(() => {
    const ranges = matches.map((m) => domRange(editor, m)).filter((r): r is Range => r !== null);
    paint('find-match', ranges);
    const active = index >= 0 ? domRange(editor, matches[index]!) : null;
    paint('find-current', active ? [active] : []);
    active?.startContainer.parentElement?.scrollIntoView({ block: 'nearest' });
    return () => {
      paint('find-match', []);
      paint('find-current', []);
    };
  }, [editor, matches, index]);

  if (!open) return null;

  const step = (delta: number) => matches.length && setCurrent((index + delta + matches.length) % matches.length);
  const replaceOne = () => {
    const match = matches[index];
    if (!match) return;
    editor.update(() => {
      const node = $getNodeByKey(match.key);
      if ($isTextNode(node)) node.spliceText(match.start, match.end - match.start, replacement, false);
    });
  };
  const replaceAll = () => {
    const all = collect(editor, query, options);
    editor.update(() => {
      for (const match of [...all].reverse()) {
        const node = $getNodeByKey(match.key);
        if ($isTextNode(node)) node.spliceText(match.start, match.end - match.start, replacement, false);
      }
    });
  };

  return (
    <div className="find-panel" role="search" aria-label={t('find.title')}>
      <input
        ref={findRef}
        type="search"
        aria-label={t('find.find')}
        placeholder={t('find.find')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setCurrent(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
            e.preventDefault();
            step(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape') setOpen(false);
        }}
      />
      <input
        type="text"
        aria-label={t('find.replaceWith')}
        placeholder={t('find.replaceWith')}
        value={replacement}
        onChange={(e) => setReplacement(e.target.value)}
      />
      <span className="find-count" role="status" aria-label={t('find.count')}>
        {query ? t('find.position', { current: index + 1, total: matches.length }) : ''}
      </span>
      <label>
        <input type="checkbox" checked={matchCase} onChange={(e) => setMatchCase(e.target.checked)} /> {t('find.matchCase')}
      </label>
      <label>
        <input type="checkbox" checked={ignoreWidth} onChange={(e) => setIgnoreWidth(e.target.checked)} /> {t('find.ignoreWidth')}
      </label>
      <button type="button" onClick={() => step(-1)} disabled={!matches.length}>
        {t('find.previous')}
      </button>
      <button type="button" onClick={() => step(1)} disabled={!matches.length}>
        {t('find.next')}
      </button>
      <button type="button" onClick={replaceOne} disabled={!matches.length}>
        {t('find.replace')}
      </button>
      <button type="button" onClick={replaceAll} disabled={!matches.length}>
        {t('find.replaceAll')}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        {t('settings.close')}
      </button>
    </div>
  );
}
