/** The browser host over real HTTP on loopback, with the real core behind it. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreContext } from '../core/context.js';
import { createHandlers } from '../core/services.js';
import { createDispatch } from '../ipc/handle.js';
import { startWebHost, TOKEN_HEADER, type WebHost } from './web.js';

let host: WebHost;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'copydesk-web-'));
  const renderer = path.join(root, 'renderer');
  mkdirSync(renderer);
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Copydesk</title>');
  const ctx = await createCoreContext({
    host: 'web',
    libraryFlag: path.join(root, 'lib'),
    env: { COPYDESK_CONFIG_DIR: path.join(root, 'cfg') },
  });
  host = await startWebHost({ dispatch: createDispatch(createHandlers(ctx)), rendererRoot: renderer, maxBodyBytes: 4096 });
});
afterAll(() => host.close());

/** Raw request so we control every header (fetch would fix Host and Origin for us). */
function request(
  method: string,
  urlPath: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method, path: urlPath, headers: { host: `127.0.0.1:${host.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  request('POST', `/api/${channel}`, {
    headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token, ...headers },
    body: JSON.stringify(body),
  });

describe('browser host', () => {
  it('listens on 127.0.0.1 only and prints a token URL', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('answers the contract with the token', async () => {
    const res = await api('app:info', null);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { name: 'Copydesk', host: 'web', libraryPath: path.join(root, 'lib') } });
    expect(JSON.parse((await api('settings:set', { theme: 'dark' })).body)).toMatchObject({ ok: true, value: { theme: 'dark' } });
    expect(JSON.parse((await api('settings:get', null)).body)).toMatchObject({ ok: true, value: { theme: 'dark' } });
  });

  it('refuses calls without the token, or with a wrong one, with 403', async () => {
    const without = await request('POST', '/api/app:info', { headers: { 'content-type': 'application/json' }, body: 'null' });
    expect(without.status).toBe(403);
    expect(JSON.parse(without.body)).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
    expect((await api('app:info', null, { [TOKEN_HEADER]: `${host.token}x` })).status).toBe(403);
    expect((await api('app:info', null, { [TOKEN_HEADER]: '' })).status).toBe(403);
  });

  it('refuses foreign Host and Origin headers (DNS rebinding, cross-site pages)', async () => {
    expect((await api('app:info', null, { host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await request('GET', '/', { headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await api('app:info', null, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await api('app:info', null, { origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
  });

  it('validates input exactly like IPC', async () => {
    const res = await api('settings:set', { theme: 'neon' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const relative = JSON.parse((await api('settings:set', { libraryPath: 'relative/dir' })).body);
    expect(relative).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('absolute') } });
    expect((await api('drafts:nuke', null)).status).toBe(404);
  });

  it('limits body size and insists on JSON', async () => {
    const big = await api('settings:set', { libraryPath: `/${'x'.repeat(8000)}` });
    expect(big.status).toBe(413);
    const notJson = await request('POST', '/api/app:info', {
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: host.token },
      body: '{nope',
    });
    expect(notJson.status).toBe(400);
    const form = await request('POST', '/api/app:info', {
      headers: { 'content-type': 'text/plain', [TOKEN_HEADER]: host.token },
      body: 'null',
    });
    expect(form.status).toBe(415);
    expect((await request('GET', '/api/app:info', { headers: { [TOKEN_HEADER]: host.token } })).status).toBe(405);
  });

  it('serves the renderer with the CSP and nothing outside it', async () => {
    const index = await request('GET', '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await request('GET', '/../cfg/settings.json')).status).toBe(404);
    expect((await request('GET', '/%2e%2e/cfg/settings.json')).status).toBe(404);
    expect((await request('DELETE', '/')).status).toBe(405);
  });
});
