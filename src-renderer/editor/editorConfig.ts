/** The body editor's Lexical configuration: the nodes a story may contain and their CSS classes. */
import { LinkNode, AutoLinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HorizontalRuleNode } from '@lexical/react/LexicalHorizontalRuleNode';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import type { EditorThemeClasses, Klass, LexicalNode } from 'lexical';

export const storyNodes: readonly Klass<LexicalNode>[] = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  AutoLinkNode,
  HorizontalRuleNode,
];

export const storyTheme: EditorThemeClasses = {
  paragraph: 'st-p',
  heading: { h1: 'st-h2', h2: 'st-h2', h3: 'st-h3', h4: 'st-h3', h5: 'st-h3', h6: 'st-h3' },
  quote: 'st-quote',
  list: { ul: 'st-ul', ol: 'st-ol', listitem: 'st-li', nested: { listitem: 'st-li-nested' } },
  link: 'st-link',
  hr: 'st-hr',
  text: {
    bold: 'st-bold',
    italic: 'st-italic',
    underline: 'st-underline',
    strikethrough: 'st-strike',
    underlineStrikethrough: 'st-underline-strike',
  },
};

/** Only http(s) and mailto links; `javascript:`, `data:`, `file:` and friends are refused. */
export function isSafeLinkUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      (parsed.protocol === 'https:' || parsed.protocol === 'http:' || parsed.protocol === 'mailto:') && !parsed.username && !parsed.password
    );
  } catch {
    return false;
  }
}
