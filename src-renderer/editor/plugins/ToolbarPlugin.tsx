/**
 * The formatting toolbar: buttons only dispatch Lexical commands, grouped by kind. State
 * (which buttons are pressed) is read from the selection on every update.
 */
import { $isLinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link';
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, $isListNode, REMOVE_LIST_COMMAND } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { INSERT_HORIZONTAL_RULE_COMMAND } from '@lexical/react/LexicalHorizontalRuleNode';
import { $createHeadingNode, $createQuoteNode, $isHeadingNode, $isQuoteNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $getNearestNodeOfType, mergeRegister } from '@lexical/utils';
import { ListNode } from '@lexical/list';
import {
  $createParagraphNode,
  $getSelection,
  $isRangeSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type TextFormatType,
} from 'lexical';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isSafeLinkUrl } from '../editorConfig.js';

type Block = 'paragraph' | 'h2' | 'h3' | 'quote' | 'ul' | 'ol';

interface ToolbarState {
  formats: Record<'bold' | 'italic' | 'underline' | 'strikethrough', boolean>;
  block: Block;
  link: boolean;
}

const initial: ToolbarState = {
  formats: { bold: false, italic: false, underline: false, strikethrough: false },
  block: 'paragraph',
  link: false,
};

function readState(): ToolbarState {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return initial;
  const anchor = selection.anchor.getNode();
  const top = anchor.getKey() === 'root' ? anchor : anchor.getTopLevelElementOrThrow();
  const list = $getNearestNodeOfType(anchor, ListNode);
  let block: Block = 'paragraph';
  if (list && $isListNode(list)) block = list.getListType() === 'number' ? 'ol' : 'ul';
  else if ($isHeadingNode(top)) block = top.getTag() === 'h3' ? 'h3' : 'h2';
  else if ($isQuoteNode(top)) block = 'quote';
  const parent = anchor.getParent();
  return {
    formats: {
      bold: selection.hasFormat('bold'),
      italic: selection.hasFormat('italic'),
      underline: selection.hasFormat('underline'),
      strikethrough: selection.hasFormat('strikethrough'),
    },
    block,
    link: $isLinkNode(parent) || $isLinkNode(anchor),
  };
}

export function ToolbarPlugin({ onRequestLink }: { onRequestLink: (apply: (url: string | null) => string | null) => void }) {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const [state, setState] = useState(initial);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => editorState.read(() => setState(readState()))),
        editor.registerCommand(CAN_UNDO_COMMAND, (value) => (setCanUndo(value), false), COMMAND_PRIORITY_LOW),
        editor.registerCommand(CAN_REDO_COMMAND, (value) => (setCanRedo(value), false), COMMAND_PRIORITY_LOW),
      ),
    [editor],
  );

  const format = (type: TextFormatType) => editor.dispatchCommand(FORMAT_TEXT_COMMAND, type);
  const setBlock = (block: Block) => {
    if (block === 'ul' || block === 'ol') {
      editor.dispatchCommand(
        state.block === block ? REMOVE_LIST_COMMAND : block === 'ul' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND,
        undefined,
      );
      return;
    }
    editor.update(() => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      const target = state.block === block ? 'paragraph' : block;
      $setBlocksType(selection, () =>
        target === 'paragraph' ? $createParagraphNode() : target === 'quote' ? $createQuoteNode() : $createHeadingNode(target),
      );
    });
  };
  const link = () =>
    onRequestLink((url) => {
      if (url === null || url === '') {
        editor.dispatchCommand(TOGGLE_LINK_COMMAND, null);
        return null;
      }
      if (!isSafeLinkUrl(url)) return t('editor.linkRefused');
      editor.dispatchCommand(TOGGLE_LINK_COMMAND, url);
      return null;
    });

  const pressed = (on: boolean) => ({ 'aria-pressed': on });
  return (
    <div className="toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
      <div className="toolbar-group" role="group" aria-label={t('editor.history')}>
        <button type="button" onClick={() => editor.dispatchCommand(UNDO_COMMAND, undefined)} disabled={!canUndo}>
          {t('editor.undo')}
        </button>
        <button type="button" onClick={() => editor.dispatchCommand(REDO_COMMAND, undefined)} disabled={!canRedo}>
          {t('editor.redo')}
        </button>
      </div>
      <div className="toolbar-group" role="group" aria-label={t('editor.textStyle')}>
        <button type="button" {...pressed(state.formats.bold)} onClick={() => format('bold')} className="tb-bold">
          {t('editor.bold')}
        </button>
        <button type="button" {...pressed(state.formats.italic)} onClick={() => format('italic')} className="tb-italic">
          {t('editor.italic')}
        </button>
        <button type="button" {...pressed(state.formats.underline)} onClick={() => format('underline')} className="tb-underline">
          {t('editor.underline')}
        </button>
        <button type="button" {...pressed(state.formats.strikethrough)} onClick={() => format('strikethrough')} className="tb-strike">
          {t('editor.strikethrough')}
        </button>
        <button type="button" {...pressed(state.link)} onClick={link}>
          {t('editor.link')}
        </button>
      </div>
      <div className="toolbar-group" role="group" aria-label={t('editor.blocks')}>
        <button type="button" {...pressed(state.block === 'h2')} onClick={() => setBlock('h2')}>
          {t('editor.subhead')}
        </button>
        <button type="button" {...pressed(state.block === 'h3')} onClick={() => setBlock('h3')}>
          {t('editor.minorSubhead')}
        </button>
        <button type="button" {...pressed(state.block === 'ul')} onClick={() => setBlock('ul')}>
          {t('editor.bulletList')}
        </button>
        <button type="button" {...pressed(state.block === 'ol')} onClick={() => setBlock('ol')}>
          {t('editor.numberedList')}
        </button>
        <button type="button" {...pressed(state.block === 'quote')} onClick={() => setBlock('quote')}>
          {t('editor.quote')}
        </button>
        <button type="button" onClick={() => editor.dispatchCommand(INSERT_HORIZONTAL_RULE_COMMAND, undefined)}>
          {t('editor.rule')}
        </button>
      </div>
    </div>
  );
}
