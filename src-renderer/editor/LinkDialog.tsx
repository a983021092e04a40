import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks for a link address; `onSubmit` returns an error message to show, or null when done. */
export function LinkDialog({ onSubmit, onClose }: { onSubmit: (url: string | null) => string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [url, setUrl] = useState('https://');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  const submit = (value: string | null) => {
    const problem = onSubmit(value);
    if (problem) setError(problem);
    else ref.current?.close();
  };
  return (
    <dialog ref={ref} className="link-dialog" aria-labelledby="link-title" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          submit(url.trim());
        }}
      >
        <h2 id="link-title">{t('editor.linkTitle')}</h2>
        <label className="field">
          <span>{t('editor.linkUrl')}</span>
          <input type="url" value={url} onChange={(event) => setUrl(event.target.value)} autoFocus />
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={() => submit(null)}>
            {t('editor.linkRemove')}
          </button>
          <button type="button" onClick={() => ref.current?.close()}>
            {t('settings.close')}
          </button>
          <button type="submit">{t('editor.linkApply')}</button>
        </div>
      </form>
    </dialog>
  );
}
