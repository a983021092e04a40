/**
 * The app:// scheme that serves the renderer (never file://). Registered as standard + secure
 * before `ready` so it behaves like https (origin, fetch, storage) under our CSP.
 */
import { protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './navigation.js';
import { serveStatic } from './staticFiles.js';

export function registerAppSchemePrivileges(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false } },
  ]);
}

export function serveRendererOverAppScheme(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST || request.method !== 'GET') return new Response('Not found', { status: 404 });
    const res = await serveStatic(rendererRoot, url.pathname);
    return new Response(typeof res.body === 'string' ? res.body : Buffer.from(res.body), { status: res.status, headers: res.headers });
  });
}
