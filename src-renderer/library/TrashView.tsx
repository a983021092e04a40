import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../bridge/index.js';

interface Trashed {
  id: string;
  headline: string;
  trashedAt: string;
}

/** Deleted stories, with restore and "Empty trash". */
export function TrashView({ onBack, onChanged, onError }: { onBack(): void; onChanged(): void; onError(message: string): void }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Trashed[]>([]);
  const [version, setVersion] = useState(0);
  const load = () => setVersion((v) => v + 1);
  useEffect(() => {
    let current = true;
    void api.draftsListTrash().then((result) => {
      if (!current) return;
      if (result.ok) setItems(result.value);
      else onError(result.error.message);
    });
    return () => {
      current = false;
    };
  }, [version, onError]);
  return (
    <nav className="library" aria-labelledby="trash-title">
      <div className="library-head">
        <h2 id="trash-title">{t('library.trash')}</h2>
        <button type="button" onClick={onBack}>
          {t('library.backToStories')}
        </button>
      </div>
      {items.length === 0 ? (
        <p className="empty-hint">{t('library.trashEmpty')}</p>
      ) : (
        <ul className="story-list">
          {items.map((item) => (
            <li key={item.id}>
              <span className="story-headline">{item.headline || t('library.untitled')}</span>
              <button
                type="button"
                aria-label={t('library.restoreNamed', { headline: item.headline || t('library.untitled') })}
                onClick={() =>
                  void api.draftsUntrash({ id: item.id }).then((result) => {
                    if (!result.ok) onError(result.error.message);
                    onChanged();
                    void load();
                  })
                }
              >
                {t('library.restore')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {items.length > 0 && (
        <button type="button" onClick={() => void api.draftsEmptyTrash().then(() => load())}>
          {t('library.emptyTrash')}
        </button>
      )}
    </nav>
  );
}
