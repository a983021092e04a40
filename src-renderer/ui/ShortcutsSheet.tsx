import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** The keyboard shortcuts, with ⌘ on macOS and Ctrl elsewhere. */
export function ShortcutsSheet({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  const mod = mac ? '⌘' : 'Ctrl+';
  const rows: [string, string][] = [
    [t('editor.bold'), `${mod}B`],
    [t('editor.italic'), `${mod}I`],
    [t('editor.underline'), `${mod}U`],
    [t('editor.undo'), `${mod}Z`],
    [t('editor.redo'), mac ? '⇧⌘Z' : 'Ctrl+Y'],
    [t('library.new'), `${mod}N`],
    [t('shortcuts.focus'), mac ? '⇧⌘F' : 'Ctrl+Shift+F'],
    [t('shortcuts.sheet'), `${mod}/`],
    [t('editor.subhead'), '## '],
    [t('editor.minorSubhead'), '### '],
    [t('editor.bulletList'), '- '],
    [t('editor.numberedList'), '1. '],
    [t('editor.quote'), '> '],
    [t('editor.bold'), '**text**'],
    [t('editor.italic'), '*text*'],
    [t('editor.strikethrough'), '~~text~~'],
  ];
  return (
    <dialog ref={ref} className="settings-dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <h2 id="shortcuts-title">{t('shortcuts.sheet')}</h2>
      <table className="shortcuts">
        <tbody>
          {rows.map(([action, keys]) => (
            <tr key={`${action}${keys}`}>
              <th scope="row">{action}</th>
              <td>
                <kbd>{keys}</kbd>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={() => ref.current?.close()}>
          {t('settings.close')}
        </button>
      </div>
    </dialog>
  );
}
