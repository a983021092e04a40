/**
 * The story list: search as you type (CJK-aware, in main), status filter, New / Duplicate /
 * Delete, and the trash. The list is a listbox: arrow keys move, Enter opens.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DamagedStory, DraftList } from '../../src-shared/api/drafts.js';
import { storyStatuses, type StoryStatus } from '../../src-shared/article/schema.js';
import { api } from '../bridge/index.js';
import { TrashView } from './TrashView.js';

interface LibrarySidebarProps {
  readonly openId: string | null;
  /** Bumped by the app whenever the library changed (save, create, delete…). */
  readonly version: number;
  onOpen(id: string): void;
  onChanged(): void;
  onError(message: string): void;
}

type Item = DraftList['stories'][number];

export function LibrarySidebar({ openId, version, onOpen, onChanged, onError }: LibrarySidebarProps) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<StoryStatus | ''>('');
  const [items, setItems] = useState<Item[]>([]);
  const [damaged, setDamaged] = useState<DamagedStory[]>([]);
  const [showTrash, setShowTrash] = useState(false);
  const [active, setActive] = useState<string | null>(null);
  const request = useRef(0);

  const load = useCallback(async () => {
    const ticket = ++request.current;
    const result = await api.draftsList({ ...(query.trim() ? { query: query.trim() } : {}), ...(status ? { status: [status] } : {}) });
    if (ticket !== request.current) return; // a newer search is on its way
    if (!result.ok) return onError(result.error.message);
    setItems(result.value.stories);
    setDamaged(result.value.damaged);
  }, [query, status, onError]);

  useEffect(() => {
    const timer = setTimeout(() => void load(), query ? 120 : 0);
    return () => clearTimeout(timer);
  }, [load, version, query]);

  const run = async (fn: () => Promise<{ ok: boolean; error?: { message: string } }>) => {
    const result = await fn();
    if (!result.ok) onError(result.error?.message ?? '');
    onChanged();
    return result;
  };

  const create = async () => {
    const result = await api.draftsCreate({
      language: i18n.language === 'en' ? 'en' : i18n.language === 'zh-Hans' ? 'zh-Hans' : 'zh-Hant',
    });
    if (!result.ok) return onError(result.error.message);
    onChanged();
    onOpen(result.value.id);
  };
  const selected = active ?? openId;
  const time = new Intl.DateTimeFormat(i18n.language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

  const onKeyDown = (event: React.KeyboardEvent) => {
    const index = items.findIndex((item) => item.id === selected);
    const move = (to: number) => {
      const item = items[Math.max(0, Math.min(items.length - 1, to))];
      if (item) setActive(item.id);
      event.preventDefault();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Enter' && selected) {
      onOpen(selected);
      event.preventDefault();
    }
  };

  if (showTrash) return <TrashView onBack={() => setShowTrash(false)} onChanged={onChanged} onError={onError} />;

  return (
    <nav className="library" aria-labelledby="library-title">
      <div className="library-head">
        <h2 id="library-title">{t('library.title')}</h2>
        <button type="button" className="primary" onClick={() => void create()}>
          {t('library.new')}
        </button>
      </div>
      <input
        type="search"
        className="library-search"
        aria-label={t('library.search')}
        placeholder={t('library.search')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <label className="library-filter">
        <span>{t('library.statusFilter')}</span>
        <select value={status} onChange={(event) => setStatus(event.target.value as StoryStatus | '')}>
          <option value="">{t('library.allStatuses')}</option>
          {storyStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`workflow.${s}`)}
            </option>
          ))}
        </select>
      </label>
      {damaged.map((d) => (
        <div key={d.id} className="damaged" role="alert">
          <p>{t('library.damaged', { reason: d.reason })}</p>
          {d.latestRevision !== null && (
            <button type="button" onClick={() => void run(() => api.draftsRecover({ id: d.id }))}>
              {t('library.recover')}
            </button>
          )}
        </div>
      ))}
      {items.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">{query ? t('library.noResults') : t('library.empty')}</p>
          {!query && <p className="empty-hint">{t('library.emptyHint')}</p>}
        </div>
      ) : (
        <ul
          className="story-list"
          role="listbox"
          aria-label={t('library.stories')}
          tabIndex={0}
          aria-activedescendant={selected ? `story-${selected}` : undefined}
          onKeyDown={onKeyDown}
        >
          {items.map((item) => (
            <li
              key={item.id}
              id={`story-${item.id}`}
              role="option"
              aria-selected={item.id === selected}
              className={item.id === openId ? 'open' : undefined}
              onClick={() => {
                setActive(item.id);
                onOpen(item.id);
              }}
            >
              <span className="story-headline" lang={item.language}>
                {item.headline.trim() || t('library.untitled')}
              </span>
              <span className="story-meta">
                <span className={`status-badge status-${item.status}`}>{t(`workflow.${item.status}`)}</span>
                <span>{time.format(new Date(item.updatedAt))}</span>
                <span>{t('library.length', { count: item.length })}</span>
              </span>
              {item.snippet && <span className="story-snippet">{item.snippet}</span>}
            </li>
          ))}
        </ul>
      )}
      <div className="library-actions">
        <button type="button" disabled={!openId} onClick={() => openId && void run(() => api.draftsDuplicate({ id: openId }))}>
          {t('library.duplicate')}
        </button>
        <button type="button" disabled={!openId} onClick={() => openId && void run(() => api.draftsTrash({ id: openId }))}>
          {t('library.delete')}
        </button>
        <button type="button" onClick={() => setShowTrash(true)}>
          {t('library.trash')}
        </button>
      </div>
    </nav>
  );
}
