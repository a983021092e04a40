/** Story details (slug, section, language, tags, status, editor's note) and its revisions. */
import { useTranslation } from 'react-i18next';
import { StoryLanguage, storyStatuses, type StoryStatus } from '../../src-shared/article/schema.js';
import { canMoveStatus } from '../../src-shared/article/status.js';
import { useOptionalOpenStory } from '../story/OpenStory.js';
import { RevisionList } from './RevisionList.js';

export function InspectorPanel() {
  const { t } = useTranslation();
  const story = useOptionalOpenStory();
  return (
    <aside className="inspector" aria-labelledby="inspector-title">
      <h2 id="inspector-title">{t('inspector.title')}</h2>
      {!story ? (
        <p className="empty-hint">{t('inspector.empty')}</p>
      ) : (
        <>
          <div className="inspector-fields">
            <label className="ifield">
              <span>{t('inspector.status')}</span>
              <select
                value={story.meta.status}
                disabled={story.readOnly}
                onChange={(event) => story.setMeta({ status: event.target.value as StoryStatus })}
              >
                {storyStatuses
                  .filter((s) => s === story.meta.status || canMoveStatus(story.meta.status, s))
                  .map((s) => (
                    <option key={s} value={s}>
                      {t(`workflow.${s}`)}
                    </option>
                  ))}
              </select>
            </label>
            <label className="ifield">
              <span>{t('inspector.slug')}</span>
              <input
                value={story.meta.slug}
                readOnly={story.readOnly}
                maxLength={200}
                onChange={(e) => story.setMeta({ slug: e.target.value })}
              />
            </label>
            <label className="ifield">
              <span>{t('inspector.section')}</span>
              <input
                value={story.meta.section}
                readOnly={story.readOnly}
                maxLength={200}
                onChange={(e) => story.setMeta({ section: e.target.value })}
              />
            </label>
            <label className="ifield">
              <span>{t('inspector.language')}</span>
              <select
                value={story.meta.language}
                disabled={story.readOnly}
                onChange={(e) => story.setMeta({ language: StoryLanguage.parse(e.target.value) })}
              >
                <option value="zh-Hant">繁體中文</option>
                <option value="zh-Hans">简体中文</option>
                <option value="en">English</option>
              </select>
            </label>
            <label className="ifield">
              <span>{t('inspector.tags')}</span>
              <input
                defaultValue={story.meta.tags.join(', ')}
                key={story.meta.tags.join('\u0000')}
                readOnly={story.readOnly}
                onBlur={(e) =>
                  story.setMeta({
                    tags: e.target.value
                      .split(/[,，、]/)
                      .map((tag) => tag.trim())
                      .filter(Boolean)
                      .slice(0, 100),
                  })
                }
              />
            </label>
            <label className="ifield">
              <span>{t('inspector.targetLength')}</span>
              <input
                type="number"
                min={1}
                inputMode="numeric"
                value={story.meta.targetLength ?? ''}
                readOnly={story.readOnly}
                onChange={(e) => {
                  const value = Number.parseInt(e.target.value, 10);
                  story.setMeta({ targetLength: Number.isInteger(value) && value > 0 ? Math.min(value, 1_000_000) : null });
                }}
              />
            </label>
            <label className="ifield">
              <span>{t('inspector.editorsNote')}</span>
              <textarea
                value={story.meta.editorsNote}
                readOnly={story.readOnly}
                rows={3}
                maxLength={20000}
                onChange={(e) => story.setMeta({ editorsNote: e.target.value })}
              />
            </label>
          </div>
          <RevisionList />
        </>
      )}
    </aside>
  );
}
