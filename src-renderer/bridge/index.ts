/**
 * The only module that knows which host the UI runs in. In Electron the preload has put
 * `window.copydesk` there; in the browser host we talk HTTP to the same contract with the
 * per-launch token from the address. Everything else imports `api` and never asks.
 */
import { channelNames, methodName } from '../../src-shared/api/channels.js';
import type { Api } from '../../src-shared/api/contract.js';
import type { Result } from '../../src-shared/api/result.js';

export type HostKind = 'electron' | 'web';

export interface HostEvents {
  onMenuCommand(listener: (command: string) => void): () => void;
  onPendingOpens(listener: () => void): () => void;
  /** Electron only: the window wants to close; save, then call `appCloseReady`. */
  onFlushBeforeClose(listener: () => void): () => void;
}

type ElectronBridge = Api & HostEvents & { host: 'electron' };

declare global {
  interface Window {
    copydesk?: ElectronBridge;
  }
}

const TOKEN_KEY = 'copydesk.token';
const TOKEN_HEADER = 'x-copydesk-token';

/** Takes `?token=` off the address (so it is not bookmarked or shared) and keeps it for this tab. */
function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return fromUrl ?? sessionStorage.getItem(TOKEN_KEY);
}

async function post(channel: string, input: unknown, token: string | null): Promise<Result<unknown>> {
  if (!token)
    return { ok: false, error: { code: 'untrusted-sender', message: 'No access token: open the address that "copydesk web" printed.' } };
  try {
    const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(input ?? null),
    });
    const body: unknown = await response.json().catch(() => null);
    if (body && typeof body === 'object' && 'ok' in body) return body as Result<unknown>;
    return { ok: false, error: { code: 'io-error', message: `The Copydesk host answered ${response.status} ${response.statusText}.` } };
  } catch (error) {
    return { ok: false, error: { code: 'io-error', message: `Cannot reach the Copydesk host: ${(error as Error).message}` } };
  }
}

function createWebBridge(): Api & HostEvents {
  const token = takeToken();
  const methods = Object.fromEntries(
    channelNames.map((channel) => [methodName(channel), (input?: unknown) => post(channel, input, token)]),
  );
  const none = () => () => undefined; // no native menu or OS file hand-over in a browser tab
  return { ...(methods as Api), onMenuCommand: none, onPendingOpens: none, onFlushBeforeClose: none };
}

export const hostKind: HostKind = window.copydesk?.host === 'electron' ? 'electron' : 'web';
export const api: Api & HostEvents = window.copydesk ?? createWebBridge();
