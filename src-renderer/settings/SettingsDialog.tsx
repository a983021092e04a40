import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../src-shared/api/contract.js';
import { Settings, type SettingsPatch } from '../../src-shared/api/settings.js';

interface SettingsDialogProps {
  readonly settings: Settings;
  readonly info: AppInfo;
  readonly error: string | null;
  onChange(patch: SettingsPatch): void;
  onClose(): void;
}

const languageNames = { en: 'English', 'zh-Hant': '繁體中文', 'zh-Hans': '简体中文' } as const;

export function SettingsDialog({ settings, info, error, onChange, onClose }: SettingsDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [libraryDraft, setLibraryDraft] = useState(settings.libraryPath ?? '');

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  return (
    <dialog ref={ref} className="settings-dialog" aria-labelledby="settings-title" onClose={onClose}>
      <h2 id="settings-title">{t('settings.title')}</h2>
      <label className="field">
        <span>{t('settings.language')}</span>
        <select value={settings.language} onChange={(event) => onChange({ language: Settings.shape.language.parse(event.target.value) })}>
          <option value="system">{t('settings.languageSystem')}</option>
          {Object.entries(languageNames).map(([code, name]) => (
            <option key={code} value={code} lang={code}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {info.languageOverride && <p className="field-note">{t('settings.forcedLanguage', { lang: info.languageOverride })}</p>}
      <label className="field">
        <span>{t('settings.theme')}</span>
        <select value={settings.theme} onChange={(event) => onChange({ theme: Settings.shape.theme.parse(event.target.value) })}>
          <option value="system">{t('settings.themeSystem')}</option>
          <option value="light">{t('settings.themeLight')}</option>
          <option value="dark">{t('settings.themeDark')}</option>
        </select>
      </label>
      <label className="field">
        <span>{t('settings.headlineLimit')}</span>
        <input
          type="number"
          min={1}
          max={1000}
          className="path-input"
          value={settings.headlineLimit ?? ''}
          onChange={(event) => {
            const value = Number.parseInt(event.target.value, 10);
            onChange({ headlineLimit: Number.isInteger(value) && value > 0 ? Math.min(value, 1000) : null });
          }}
        />
      </label>
      <div className="field">
        <span id="library-folder-label">{t('settings.libraryFolder')}</span>
        <output aria-labelledby="library-folder-label" className="path">
          {info.libraryPath}
        </output>
      </div>
      <form
        className="field"
        onSubmit={(event) => {
          event.preventDefault();
          onChange({ libraryPath: libraryDraft.trim() === '' ? null : libraryDraft.trim() });
        }}
      >
        <label htmlFor="library-path-input">{t('settings.otherLibrary')}</label>
        <div className="inline-form">
          <input
            id="library-path-input"
            className="path-input"
            value={libraryDraft}
            placeholder={t('settings.otherLibraryPlaceholder')}
            onChange={(event) => setLibraryDraft(event.target.value)}
          />
          <button type="submit">{t('settings.useLibrary')}</button>
        </div>
      </form>
      {settings.libraryPath !== null && settings.libraryPath !== info.libraryPath && (
        <p className="field-note">
          {info.librarySource === 'flag' || info.librarySource === 'env'
            ? t('settings.libraryOverridden', { path: settings.libraryPath })
            : t('settings.libraryNextLaunch', { path: settings.libraryPath })}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {t('settings.saveFailed', { reason: error })}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={() => ref.current?.close()}>
          {t('settings.close')}
        </button>
      </div>
    </dialog>
  );
}
