/** The story body: a Lexical rich-text editor whose state goes to the autosaver on every change. */
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { HorizontalRulePlugin } from '@lexical/react/LexicalHorizontalRulePlugin';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { OnChangePlugin } from '@lexical/react/LexicalOnChangePlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { $getRoot } from 'lexical';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOpenStory } from '../story/OpenStory.js';
import { isSafeLinkUrl, storyNodes, storyTheme } from './editorConfig.js';
import { LinkDialog } from './LinkDialog.js';
import { STORY_TRANSFORMERS } from './markdown.js';
import { FindReplacePlugin } from './plugins/FindReplacePlugin.js';
import { PastePlugin } from './plugins/PastePlugin.js';
import { ToolbarPlugin } from './plugins/ToolbarPlugin.js';

export function BodyEditor({ onText, bodyRef }: { onText: (text: string) => void; bodyRef: React.RefObject<HTMLDivElement | null> }) {
  const story = useOpenStory();
  const { t } = useTranslation();
  const [linkRequest, setLinkRequest] = useState<((url: string | null) => string | null) | null>(null);
  const [pasteNotice, setPasteNotice] = useState<string | null>(null);
  const onPasteNotice = useCallback(
    ({ droppedImages, truncated }: { droppedImages: number; truncated: boolean }) =>
      setPasteNotice(truncated ? t('editor.pasteTruncated') : t('editor.pasteImagesDropped', { count: droppedImages })),
    [t],
  );
  const first = useRef(true);

  const initialConfig: InitialConfigType = {
    namespace: 'copydesk-story',
    nodes: [...storyNodes],
    theme: storyTheme,
    editable: !story.readOnly,
    editorState: story.initialEditorState ? JSON.stringify(story.initialEditorState) : null,
    onError(error) {
      console.error(error);
    },
  };

  return (
    <LexicalComposer initialConfig={initialConfig} key={`${story.story.id}:${story.bodyVersion}`}>
      {!story.readOnly && <ToolbarPlugin onRequestLink={(apply) => setLinkRequest(() => apply)} />}
      {!story.readOnly && <FindReplacePlugin />}
      <div className="body-frame">
        <RichTextPlugin
          contentEditable={
            <ContentEditable
              ref={bodyRef}
              className="story-body"
              aria-label={t('editor.body')}
              aria-placeholder={t('editor.bodyPlaceholder')}
              spellCheck
              lang={story.meta.language}
              placeholder={<div className="body-placeholder">{t('editor.bodyPlaceholder')}</div>}
            />
          }
          ErrorBoundary={LexicalErrorBoundary}
        />
      </div>
      <HistoryPlugin />
      <ListPlugin />
      <LinkPlugin validateUrl={isSafeLinkUrl} />
      <HorizontalRulePlugin />
      <MarkdownShortcutPlugin transformers={STORY_TRANSFORMERS} />
      <PastePlugin onNotice={onPasteNotice} />
      <OnChangePlugin
        ignoreSelectionChange
        onChange={(editorState) => {
          const text = editorState.read(() => $getRoot().getTextContent());
          onText(text);
          if (first.current) {
            first.current = false; // the initial load is not an edit
            return;
          }
          story.setEditorState(() => editorState.toJSON());
        }}
      />
      {pasteNotice && (
        <p className="paste-notice" role="status">
          {pasteNotice}{' '}
          <button type="button" onClick={() => setPasteNotice(null)}>
            {t('settings.close')}
          </button>
        </p>
      )}
      {linkRequest && <LinkDialog onSubmit={linkRequest} onClose={() => setLinkRequest(null)} />}
    </LexicalComposer>
  );
}
