/**
 * Serving the built renderer, for both the app:// protocol and the browser host: a URL path
 * maps to a file strictly inside the renderer folder (no `..`, no encoded escapes, no
 * absolute or drive paths), with a fixed MIME table and the security headers.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SECURITY_HEADERS } from './csp.js';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The file a URL path names inside `root`, or null if it would leave it or is not servable. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split('/').some((part) => part === '..' || part.includes(':'))) return null;
  const full = path.resolve(root, relative);
  const base = path.resolve(root);
  if (full !== base && !full.startsWith(base + path.sep)) return null;
  if (!MIME[path.extname(full).toLowerCase()]) return null;
  return full;
}

export interface StaticResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | string;
}

export async function serveStatic(root: string, urlPath: string): Promise<StaticResponse> {
  const file = resolveStaticPath(root, urlPath);
  const notFound: StaticResponse = {
    status: 404,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
    body: 'Not found',
  };
  if (!file) return notFound;
  try {
    const body = await fs.readFile(file);
    const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const cache = file.endsWith('index.html') ? 'no-store' : 'max-age=31536000, immutable';
    return { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': cache }, body };
  } catch {
    return notFound;
  }
}
