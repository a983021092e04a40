import { useTranslation } from 'react-i18next';
import type { SaveState } from '../story/autosave.js';

/** `Saving…` / `Saved` / `Not saved — <reason>`, announced politely to screen readers. */
export function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  const text =
    state.kind === 'saved'
      ? t('save.saved')
      : state.kind === 'failed' || state.kind === 'conflict'
        ? t('save.notSaved', { reason: state.reason })
        : t('save.saving');
  return (
    <p role="status" aria-label={t('save.label')} className={`save-status save-${state.kind}`}>
      {text}
    </p>
  );
}
