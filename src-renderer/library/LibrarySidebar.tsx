import { useTranslation } from 'react-i18next';

/** The story list. Empty until the drafts library lands; the landmark and heading are final. */
export function LibrarySidebar() {
  const { t } = useTranslation();
  return (
    <nav className="library" aria-labelledby="library-title">
      <h2 id="library-title">{t('library.title')}</h2>
      <div className="empty-state">
        <p className="empty-title">{t('library.empty')}</p>
        <p className="empty-hint">{t('library.emptyHint')}</p>
      </div>
    </nav>
  );
}
