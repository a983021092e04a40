/**
 * The preload: exposes `window.copydesk`, one method per contract operation, and nothing
 * else. No generic invoke, no ipcRenderer, no Node. Sandboxed (bundled as CJS).
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  channelNames,
  FLUSH_BEFORE_CLOSE_EVENT as FLUSH_EVENT,
  MENU_COMMAND_EVENT as MENU_EVENT,
  methodName,
  PENDING_OPENS_EVENT as OPEN_EVENT,
} from '../src-shared/api/channels.js';
import type { Api } from '../src-shared/api/contract.js';

const api = Object.fromEntries(
  channelNames.map((channel) => [methodName(channel), (input?: unknown) => ipcRenderer.invoke(channel, input)]),
) as Api;

/** Push notifications from main: only these, payload reduced to a string. */
const subscribe = (event: string, listener: () => void) => {
  const wrapped = () => listener();
  ipcRenderer.on(event, wrapped);
  return () => void ipcRenderer.removeListener(event, wrapped);
};
const events = {
  onMenuCommand(listener: (command: string) => void): () => void {
    const wrapped = (_event: unknown, command: unknown) => listener(String(command));
    ipcRenderer.on(MENU_EVENT, wrapped);
    return () => ipcRenderer.removeListener(MENU_EVENT, wrapped);
  },
  onPendingOpens: (listener: () => void) => subscribe(OPEN_EVENT, listener),
  onFlushBeforeClose: (listener: () => void) => subscribe(FLUSH_EVENT, listener),
};

contextBridge.exposeInMainWorld('copydesk', { ...api, ...events, host: 'electron' });
