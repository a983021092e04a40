// Baseline page for bench/editor.bench.mjs: a bare Lexical editor (no React, no Copydesk
// plugins) on a contenteditable div — rich text, history, Lexical's own paste handling.
// Bundled by the bench with esbuild (production Lexical build, like the app's Vite build).
//   window.loadDoc(json)      — replaces the document with a serialized editor state
//   ?doc=/doc/10000.json      — fetches and loads that state at start-up (the "open" baseline)
//   window.__bare.ready       — true once the editor is attached (and the ?doc= state loaded)
/* global window, document, location -- a browser page */
import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { HeadingNode, QuoteNode, registerRichText } from '@lexical/rich-text';
import { createEditor } from 'lexical';

const root = document.getElementById('editor');
const editor = createEditor({
  namespace: 'bare-baseline',
  nodes: [HeadingNode, QuoteNode],
  theme: { paragraph: 'st-p' },
  onError(error) {
    console.error(error);
  },
});
editor.setRootElement(root);
registerRichText(editor);
registerHistory(editor, createEmptyHistoryState(), 300);

const state = { ready: false, error: null };
window.__bare = state;
window.__editor = editor;

/** Loads a serialized editor state (object or JSON string); resolves after the DOM is reconciled. */
window.loadDoc = (json) =>
  new Promise((resolve) => {
    const text = typeof json === 'string' ? json : JSON.stringify(json);
    editor.setEditorState(editor.parseEditorState(text));
    // setEditorState commits (and reconciles the DOM) synchronously; resolve after microtasks.
    queueMicrotask(resolve);
  });

const docUrl = new URLSearchParams(location.search).get('doc');
if (docUrl) {
  fetch(docUrl)
    .then((response) => {
      if (!response.ok) throw new Error(`GET ${docUrl}: ${response.status}`);
      return response.text();
    })
    .then((text) => window.loadDoc(text))
    .then(() => (state.ready = true))
    .catch((error) => (state.error = String(error)));
} else {
  state.ready = true;
}
