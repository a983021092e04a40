import { useTranslation } from 'react-i18next';
import { useOptionalOpenStory } from '../story/OpenStory.js';
import { StoryEditor } from './StoryEditor.js';

/** The writing area: the open story, or an empty state. */
export function EditorArea({ error, headlineLimit }: { error: string | null; headlineLimit: number | null }) {
  const { t } = useTranslation();
  const story = useOptionalOpenStory();
  return (
    <main className="editor-area" aria-label={t('editor.region')}>
      {error && (
        <p role="alert" className="error open-error">
          {error}
        </p>
      )}
      {story ? (
        <StoryEditor headlineLimit={headlineLimit} />
      ) : (
        <div className="empty-state centered">
          <p className="empty-title">{t('editor.empty')}</p>
          <p className="empty-hint">{t('editor.emptyHint')}</p>
        </div>
      )}
    </main>
  );
}
