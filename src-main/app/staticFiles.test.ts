import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './csp.js';
import { resolveStaticPath, serveStatic } from './staticFiles.js';

let root: string;
beforeAll(() => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'copydesk-static-'));
  root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Copydesk</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(base, 'secret.json'), '{"secret":true}');
});

describe('static files', () => {
  it('serves index.html for / and assets with their type and the CSP', async () => {
    const index = await serveStatic(root, '/');
    expect(index.status).toBe(200);
    expect(index.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['Content-Type']).toBe('text/html; charset=utf-8');
    const js = await serveStatic(root, '/assets/app.js');
    expect(js.headers['Content-Type']).toMatch(/^text\/javascript/);
    expect(Buffer.from(js.body).toString()).toBe('console.log(1)');
  });

  it('never leaves the renderer folder', async () => {
    for (const attempt of [
      '/../secret.json',
      '/assets/../../secret.json',
      '/%2e%2e/secret.json',
      '/..%2fsecret.json',
      '/..\\secret.json',
      '/C:/Windows/win.ini',
      '/%00index.html',
      '/%E0%A4%A',
    ]) {
      expect(resolveStaticPath(root, attempt), attempt).toBeNull();
      expect((await serveStatic(root, attempt)).status, attempt).toBe(404);
    }
  });

  it('404s missing files and unknown types', async () => {
    expect((await serveStatic(root, '/nope.js')).status).toBe(404);
    expect(resolveStaticPath(root, '/assets/app.exe')).toBeNull();
  });
});

describe('CSP', () => {
  it('allows no remote origin, inline script or eval', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });
});
