/**
 * Electron side of the IPC wrapper: the only module that imports `ipcMain`. Every channel of
 * the contract gets one `ipcMain.handle`; the sender frame is checked against the app origin.
 */
import { ipcMain } from 'electron';
import { channels } from '../../src-shared/api/contract.js';
import { isTrustedFrame, type Dispatch } from './handle.js';

export function registerIpc(dispatch: Dispatch): void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, raw: unknown) => dispatch(channel, raw, isTrustedFrame(event.senderFrame)));
  }
}
