import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../src-shared/api/contract.js';
import type { Settings, SettingsPatch, UiLanguage } from '../../src-shared/api/settings.js';
import { api, hostKind } from '../bridge/index.js';
import { EditorArea } from '../editor/EditorArea.js';
import { applyLanguage } from '../i18n/index.js';
import { InspectorPanel } from '../inspector/InspectorPanel.js';
import { LibrarySidebar } from '../library/LibrarySidebar.js';
import { SettingsDialog } from '../settings/SettingsDialog.js';
import { StatusBar } from './StatusBar.js';
import { applyTheme } from './theme.js';

interface AppProps {
  readonly info: AppInfo;
  readonly initialSettings: Settings;
  readonly systemLanguage: UiLanguage;
}

export function App({ info, initialSettings, systemLanguage }: AppProps) {
  const { t } = useTranslation();
  const [settings, setSettings] = useState(initialSettings);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [inspectorOpen, setInspectorOpen] = useState(true);
  const [saveError, setSaveError] = useState<string | null>(null);

  const updateSettings = useCallback(
    async (patch: SettingsPatch) => {
      const result = await api.settingsSet(patch);
      if (!result.ok) {
        setSaveError(result.error.message);
        return;
      }
      setSaveError(null);
      setSettings(result.value);
      applyTheme(result.value.theme);
      if (!info.languageOverride) await applyLanguage(result.value.language === 'system' ? systemLanguage : result.value.language);
    },
    [info.languageOverride, systemLanguage],
  );

  useEffect(
    () =>
      api.onMenuCommand((command) => {
        if (command === 'settings') setSettingsOpen(true);
        if (command === 'toggle-inspector') setInspectorOpen((open) => !open);
      }),
    [],
  );

  return (
    <div className="app" data-inspector={inspectorOpen ? 'open' : 'closed'}>
      <header className="app-header">
        <span className="app-title">{t('app.name')}</span>
        <span className="app-tagline">{t('app.tagline')}</span>
        <button type="button" className="header-button" onClick={() => setSettingsOpen(true)}>
          {t('header.settings')}
        </button>
      </header>
      <LibrarySidebar />
      <EditorArea />
      {inspectorOpen && <InspectorPanel />}
      <StatusBar info={info} host={hostKind} />
      {settingsOpen && (
        <SettingsDialog
          settings={settings}
          info={info}
          error={saveError}
          onChange={(patch) => void updateSettings(patch)}
          onClose={() => setSettingsOpen(false)}
        />
      )}
    </div>
  );
}
