/**
 * Paste: HTML (Word, Google Docs, web pages) is cleaned by `sanitizePastedHtml` before Lexical
 * sees it — semantic structure kept, styles/scripts/handlers/images/tracking dropped; plain text
 * keeps its paragraphs. Large plain-text pastes are inserted as paragraph nodes directly.
 */
import { $insertGeneratedNodes } from '@lexical/clipboard';
import { $generateNodesFromDOM } from '@lexical/html';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $createParagraphNode,
  $createTextNode,
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_HIGH,
  PASTE_COMMAND,
  type LexicalNode,
} from 'lexical';
import { useEffect } from 'react';
import { plainTextToParagraphs } from '../paste/plainTextToHtml.js';
import { sanitizePastedHtml } from '../paste/sanitizePaste.js';

export function PastePlugin({ onNotice }: { onNotice: (notice: { droppedImages: number; truncated: boolean }) => void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const data = event instanceof ClipboardEvent ? event.clipboardData : null;
          if (!data) return false;
          const html = data.getData('text/html');
          const text = data.getData('text/plain');
          if (!html && !text) return false; // files (photos) are someone else's job
          event.preventDefault();
          let nodes: (() => LexicalNode[]) | null = null;
          if (html) {
            const clean = sanitizePastedHtml(html, window);
            if (clean.droppedImages > 0 || clean.truncated) onNotice({ droppedImages: clean.droppedImages, truncated: clean.truncated });
            const dom = new DOMParser().parseFromString(clean.html, 'text/html');
            nodes = () => $generateNodesFromDOM(editor, dom);
          } else {
            const paragraphs = plainTextToParagraphs(text);
            nodes =
              paragraphs.length <= 1
                ? () => [$createTextNode(paragraphs[0] ?? '')]
                : () => paragraphs.map((p) => $createParagraphNode().append($createTextNode(p)));
          }
          editor.update(() => {
            const selection = $getSelection();
            if ($isRangeSelection(selection)) $insertGeneratedNodes(editor, nodes(), selection);
          });
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor, onNotice],
  );
  return null;
}
