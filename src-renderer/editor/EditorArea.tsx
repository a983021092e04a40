import { useTranslation } from 'react-i18next';

/** Where the story editor goes; an empty state until a story is open. */
export function EditorArea() {
  const { t } = useTranslation();
  return (
    <main className="editor-area" aria-label={t('editor.region')}>
      <div className="empty-state centered">
        <p className="empty-title">{t('editor.empty')}</p>
        <p className="empty-hint">{t('editor.emptyHint')}</p>
      </div>
    </main>
  );
}
