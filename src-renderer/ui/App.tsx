import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../src-shared/api/contract.js';
import type { OpenedDraft } from '../../src-shared/api/drafts.js';
import type { Settings, SettingsPatch, UiLanguage } from '../../src-shared/api/settings.js';
import { api, hostKind } from '../bridge/index.js';
import { EditorArea } from '../editor/EditorArea.js';
import { OPEN_FIND_EVENT } from '../editor/plugins/FindReplacePlugin.js';
import { applyLanguage } from '../i18n/index.js';
import { InspectorPanel } from '../inspector/InspectorPanel.js';
import { LibrarySidebar } from '../library/LibrarySidebar.js';
import { SettingsDialog } from '../settings/SettingsDialog.js';
import { flushAll } from '../story/flushRegistry.js';
import { OpenStoryProvider } from '../story/OpenStory.js';
import { ShortcutsSheet } from './ShortcutsSheet.js';
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
  const [focusMode, setFocusMode] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [opened, setOpened] = useState<OpenedDraft | null>(null);
  const [libraryVersion, setLibraryVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const changed = useCallback(() => setLibraryVersion((v) => v + 1), []);

  const open = useCallback(async (id: string) => {
    setError(null);
    const result = await api.draftsGet({ id });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setOpened(result.value);
  }, []);

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

  // Shortcuts the browser host needs itself (the Electron menu sends the same commands).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.metaKey || event.ctrlKey;
      if (mod && event.key === '/') {
        event.preventDefault();
        setShortcutsOpen(true);
      } else if (mod && event.shiftKey && event.key.toLowerCase() === 'f') {
        event.preventDefault();
        setFocusMode((on) => !on);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => api.onFlushBeforeClose(() => void flushAll().then(() => api.appCloseReady())), []);
  useEffect(
    () =>
      api.onMenuCommand((command) => {
        if (command === 'settings') setSettingsOpen(true);
        if (command === 'toggle-inspector') setInspectorOpen((isOpen) => !isOpen);
        if (command === 'shortcuts') setShortcutsOpen(true);
        if (command === 'find') window.dispatchEvent(new Event(OPEN_FIND_EVENT));
        if (command === 'focus-mode') setFocusMode((on) => !on);
        if (command === 'new-story')
          void api.draftsCreate({}).then((r) => {
            if (r.ok) {
              changed();
              void open(r.value.id);
            }
          });
      }),
    [changed, open],
  );

  return (
    <div className="app" data-inspector={inspectorOpen && !focusMode ? 'open' : 'closed'} data-focus={focusMode ? 'on' : 'off'}>
      <header className="app-header">
        <span className="app-title">{t('app.name')}</span>
        <span className="app-tagline">{t('app.tagline')}</span>
        <button type="button" className="header-button" aria-pressed={focusMode} onClick={() => setFocusMode((on) => !on)}>
          {t('shortcuts.focus')}
        </button>
        <button type="button" className="header-button" onClick={() => setShortcutsOpen(true)}>
          {t('shortcuts.sheet')}
        </button>
        <button type="button" className="header-button" onClick={() => setSettingsOpen(true)}>
          {t('header.settings')}
        </button>
      </header>
      {!focusMode && (
        <LibrarySidebar
          openId={opened?.story.id ?? null}
          version={libraryVersion}
          onOpen={(id) => void open(id)}
          onChanged={changed}
          onError={setError}
        />
      )}
      {opened ? (
        <OpenStoryProvider key={opened.story.id} opened={opened} onSaved={changed} onCopyCreated={(id) => void open(id).then(changed)}>
          <EditorArea error={error} headlineLimit={settings.headlineLimit} />
          {inspectorOpen && !focusMode && <InspectorPanel />}
        </OpenStoryProvider>
      ) : (
        <>
          <EditorArea error={error} headlineLimit={settings.headlineLimit} />
          {inspectorOpen && !focusMode && <InspectorPanel />}
        </>
      )}
      <StatusBar info={info} host={hostKind} />
      {shortcutsOpen && <ShortcutsSheet onClose={() => setShortcutsOpen(false)} />}
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
