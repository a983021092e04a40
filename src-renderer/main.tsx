import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickUiLanguage } from '../src-shared/api/locale.js';
import type { UiLanguage } from '../src-shared/api/settings.js';
import { api } from './bridge/index.js';
import { applyLanguage, initI18n } from './i18n/index.js';
import './styles.css';
import { App } from './ui/App.js';
import { applyTheme } from './ui/theme.js';
import { FatalError } from './ui/FatalError.js';

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const [info, settings] = await Promise.all([api.appInfo(), api.settingsGet()]);
  const systemLanguage = pickUiLanguage([...navigator.languages]);
  if (!info.ok || !settings.ok) {
    const reason = !info.ok ? info.error.message : !settings.ok ? settings.error.message : '';
    await initI18n(systemLanguage);
    await applyLanguage(systemLanguage);
    root.render(<FatalError reason={reason} />);
    return;
  }
  const language: UiLanguage =
    info.value.languageOverride ?? (settings.value.language === 'system' ? systemLanguage : settings.value.language);
  await initI18n(language);
  await applyLanguage(language);
  applyTheme(settings.value.theme);
  root.render(
    <StrictMode>
      <App info={info.value} initialSettings={settings.value} systemLanguage={systemLanguage} />
    </StrictMode>,
  );
}

void boot();
