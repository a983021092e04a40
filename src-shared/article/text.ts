/**
 * Plain text of a Lexical editor state without importing Lexical: text nodes carry `text`,
 * element nodes carry `children`; block-level children are separated by newlines. Used for
 * search, counts and summaries in the main process, where the state is otherwise opaque.
 */
const INLINE_TYPES = new Set(['text', 'link', 'autolink', 'linebreak', 'tab', 'hashtag', 'mark']);

export function editorStateText(state: unknown): string {
  const root = (state as { root?: unknown } | null)?.root;
  if (!root) return '';
  const blocks: string[] = [];
  const walk = (node: unknown, out: string[]): void => {
    if (typeof node !== 'object' || node === null) return;
    const n = node as { type?: unknown; text?: unknown; children?: unknown };
    if (n.type === 'linebreak') out.push('\n');
    if (typeof n.text === 'string') out.push(n.text);
    if (!Array.isArray(n.children)) return;
    for (const child of n.children) {
      const type = (child as { type?: unknown } | null)?.type;
      if (typeof type === 'string' && !INLINE_TYPES.has(type)) {
        const inner: string[] = [];
        walk(child, inner);
        blocks.push(inner.join(''));
      } else walk(child, out);
    }
  };
  const loose: string[] = [];
  walk(root, loose);
  if (loose.length) blocks.unshift(loose.join(''));
  return blocks.filter((b) => b.length > 0).join('\n');
}
