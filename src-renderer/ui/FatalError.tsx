import { useTranslation } from 'react-i18next';

/** Shown when the UI cannot talk to its host at all (e.g. a browser tab opened without the token). */
export function FatalError({ reason }: { reason: string }) {
  const { t } = useTranslation();
  return (
    <main className="fatal" role="alert">
      <h1>{t('app.name')}</h1>
      <p>{t('errors.hostUnavailable', { reason })}</p>
    </main>
  );
}
