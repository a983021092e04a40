import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOpenStory } from '../story/OpenStory.js';

/** The story changed elsewhere: keep my version as a copy, or take theirs. Nothing is lost either way. */
export function ConflictPrompt({ reason }: { reason: string }) {
  const { t } = useTranslation();
  const story = useOpenStory();
  const [busy, setBusy] = useState(false);
  const run = (fn: () => Promise<unknown>) => {
    setBusy(true);
    void fn().finally(() => setBusy(false));
  };
  return (
    <div className="conflict" role="alertdialog" aria-labelledby="conflict-title" aria-describedby="conflict-reason">
      <h2 id="conflict-title">{t('conflict.title')}</h2>
      <p id="conflict-reason">{reason}</p>
      <div className="dialog-actions">
        <button type="button" disabled={busy} onClick={() => run(() => story.keepMineAsCopy())}>
          {t('conflict.keepMine')}
        </button>
        <button type="button" disabled={busy} onClick={() => run(() => story.takeTheirs())}>
          {t('conflict.takeTheirs')}
        </button>
      </div>
    </div>
  );
}
