import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RevisionInfo } from '../../src-shared/api/drafts.js';
import { editorStateText } from '../../src-shared/article/text.js';
import { api } from '../bridge/index.js';
import { useOpenStory } from '../story/OpenStory.js';

/** Revisions of the open story: preview one, restore it (as a new revision), or save a named version. */
export function RevisionList() {
  const { t, i18n } = useTranslation();
  const story = useOpenStory();
  const [revisions, setRevisions] = useState<RevisionInfo[]>([]);
  const [preview, setPreview] = useState<{ revision: number; text: string } | null>(null);
  const [label, setLabel] = useState('');
  const id = story.story.id;
  const refresh = () => void api.draftsRevisions({ id }).then((r) => r.ok && setRevisions(r.value));
  useEffect(refresh, [id, story.saveState.kind]); // refresh after saves
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });

  return (
    <section className="revisions" aria-labelledby="revisions-title">
      <h2 id="revisions-title">{t('revisions.title')}</h2>
      {!story.readOnly && (
        <form
          className="save-version"
          onSubmit={(event) => {
            event.preventDefault();
            if (!label.trim()) return;
            void story
              .flush()
              .then(() => api.draftsSaveVersion({ id, label: label.trim() }))
              .then(() => {
                setLabel('');
                refresh();
              });
          }}
        >
          <input
            aria-label={t('revisions.label')}
            placeholder={t('revisions.label')}
            value={label}
            maxLength={200}
            onChange={(e) => setLabel(e.target.value)}
          />
          <button type="submit">{t('revisions.saveVersion')}</button>
        </form>
      )}
      <ul className="revision-list">
        {revisions.map((r) => (
          <li key={`${r.revision}-${r.savedAt}-${r.reason}`}>
            <button
              type="button"
              className="revision-open"
              onClick={() =>
                void api
                  .draftsRevision({ id, revision: r.revision })
                  .then((res) => res.ok && setPreview({ revision: r.revision, text: editorStateText(res.value.content.editorState) }))
              }
            >
              <span>{t('revisions.item', { revision: r.revision, when: time.format(new Date(r.savedAt)) })}</span>
              <span className="revision-reason">{r.label ?? t(`revisions.reason.${r.reason}`, { defaultValue: r.reason })}</span>
            </button>
          </li>
        ))}
      </ul>
      {preview && (
        <div className="revision-preview" role="region" aria-label={t('revisions.preview', { revision: preview.revision })}>
          <pre>{preview.text || t('revisions.emptyBody')}</pre>
          {!story.readOnly && (
            <button
              type="button"
              onClick={() =>
                void story
                  .flush()
                  .then(() => api.draftsRestore({ id, revision: preview.revision }))
                  .then(() => story.reload())
                  .then(() => {
                    setPreview(null);
                    refresh();
                  })
              }
            >
              {t('revisions.restore', { revision: preview.revision })}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
