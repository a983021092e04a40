/**
 * The browser host: serves the built renderer and answers the contract over HTTP, bound to
 * 127.0.0.1 only. Every API call needs the per-launch token (403 without it); bodies are
 * size-limited; input goes through the same dispatch (schema parse, result union) as IPC.
 * It is how the whole app runs in any Chromium: tests, screenshots, machines without Electron.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SECURITY_HEADERS } from '../app/csp.js';
import { serveStatic } from '../app/staticFiles.js';
import type { Dispatch } from '../ipc/handle.js';

export const TOKEN_HEADER = 'x-copydesk-token';
export const API_PREFIX = '/api/';
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface WebHostOptions {
  readonly dispatch: Dispatch;
  readonly rendererRoot: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly token?: string;
  readonly maxBodyBytes?: number;
}

export interface WebHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new HttpError(413, `Request body exceeds ${limit} bytes.`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, `Request body exceeds ${limit} bytes.`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let port = 0;
  // DNS-rebinding defence: a page on evil.example resolving to 127.0.0.1 still sends its own Host.
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') throw new HttpError(405, 'API calls must use POST.');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, '')))
      throw new HttpError(403, 'Cross-origin API calls are refused.');
    if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token)) throw new HttpError(403, 'Missing or wrong Copydesk token.');
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'API calls must send application/json.');
    const text = await readBody(req, limit);
    let raw: unknown;
    try {
      raw = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new HttpError(400, 'Request body is not valid JSON.');
    }
    const result = await options.dispatch(channel, raw, true);
    sendJson(res, result.ok || result.error.code !== 'unknown-channel' ? 200 : 404, result);
  }

  const server = http.createServer((req, res) => {
    void (async () => {
      try {
        if (!allowedHosts().has(req.headers.host ?? '')) throw new HttpError(403, 'Unexpected Host header.');
        const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
        if (url.pathname.startsWith(API_PREFIX)) {
          await handleApi(req, res, decodeURIComponent(url.pathname.slice(API_PREFIX.length)));
          return;
        }
        if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'Method not allowed.');
        const file = await serveStatic(options.rendererRoot, url.pathname);
        res.writeHead(file.status, file.headers);
        res.end(req.method === 'HEAD' ? undefined : file.body);
      } catch (error) {
        const status = error instanceof HttpError ? error.status : 500;
        const message = error instanceof Error ? error.message : String(error);
        if (!res.headersSent)
          sendJson(res, status, {
            ok: false,
            error: { code: status === 403 ? 'untrusted-sender' : status === 500 ? 'internal' : 'invalid-input', message },
          });
        else res.destroy();
      }
    })();
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
