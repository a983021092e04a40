import { useTranslation } from 'react-i18next';

/** Story metadata and revisions; shows its empty state until a story is open. */
export function InspectorPanel() {
  const { t } = useTranslation();
  return (
    <aside className="inspector" aria-labelledby="inspector-title">
      <h2 id="inspector-title">{t('inspector.title')}</h2>
      <p className="empty-hint">{t('inspector.empty')}</p>
    </aside>
  );
}
