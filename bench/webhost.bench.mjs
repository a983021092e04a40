// Browser host overhead: round-trip latency of contract calls through `copydesk web`
// (token check, JSON body, zod parse, dispatch, result union) against a bare node:http server
// answering a JSON body of the same size on loopback, measured in the same run.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const N = Number(process.env.BENCH_N ?? 2000);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function post(port, urlPath, headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: urlPath, agent, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`${res.statusCode} ${text}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function measure(fn) {
  for (let i = 0; i < 200; i++) await fn(); // warm-up
  const times = [];
  for (let i = 0; i < N; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const q = (p) => +times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(4);
  return { n: N, p50_ms: q(0.5), p95_ms: q(0.95), p99_ms: q(0.99) };
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'copydesk-bench-'));
const child = spawn(process.execPath, [path.join(root, 'dist/main/cli.cjs'), 'web', '--no-open', '--library', path.join(tmp, 'lib')], {
  env: { ...process.env, COPYDESK_CONFIG_DIR: path.join(tmp, 'cfg') },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const line = await new Promise((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
const url = new URL(line.replace(/^Copydesk running at /, ''));
const token = url.searchParams.get('token');
const port = Number(url.port);

const sample = await post(port, '/api/app:info', { 'x-copydesk-token': token }, 'null');
const bare = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(sample);
  });
});
await new Promise((r) => bare.listen(0, '127.0.0.1', r));
const barePort = bare.address().port;

const result = {
  baseline_bare_http: await measure(() => post(barePort, '/', {}, 'null')),
  webhost_app_info: await measure(() => post(port, '/api/app:info', { 'x-copydesk-token': token }, 'null')),
  webhost_settings_get: await measure(() => post(port, '/api/settings:get', { 'x-copydesk-token': token }, 'null')),
};
result.ratio_p50_app_info_to_baseline = +(result.webhost_app_info.p50_ms / result.baseline_bare_http.p50_ms).toFixed(2);
console.log(JSON.stringify(result));
child.kill('SIGTERM');
bare.close();
agent.destroy();
