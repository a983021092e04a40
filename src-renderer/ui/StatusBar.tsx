import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../src-shared/api/contract.js';
import type { HostKind } from '../bridge/index.js';

export function StatusBar({ info, host }: { info: AppInfo; host: HostKind }) {
  const { t } = useTranslation();
  return (
    <footer className="status-bar">
      <span className="status-library" title={info.libraryPath}>
        {t('status.library', { path: info.libraryPath })}
      </span>
      <span>{t(`status.host.${host}`)}</span>
      <span>{t('status.version', { version: info.version })}</span>
    </footer>
  );
}
