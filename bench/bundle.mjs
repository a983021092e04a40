// Bundles TypeScript modules of the app for a benchmark run (esbuild, into a temp folder), so
// benches measure the real code without a separate build step.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `exports` maps names to `module#export`, e.g. { DraftStore: 'src-main/drafts/DraftStore.ts#DraftStore' }. */
export async function bundle(exports, extraEntries = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'copydesk-bench-'));
  const contents = Object.entries(exports)
    .map(([name, spec]) => {
      const [file, symbol] = spec.split('#');
      return `export { ${symbol} as ${name} } from ${JSON.stringify(path.join(root, file))};`;
    })
    .join('\n');
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' };
  await build({ ...common, stdin: { contents, resolveDir: root, loader: 'ts' }, outfile: path.join(dir, 'bench.cjs') });
  const extra = {};
  for (const [name, file] of Object.entries(extraEntries)) {
    extra[name] = path.join(dir, `${name}.cjs`);
    await build({ ...common, entryPoints: [path.join(root, file)], outfile: extra[name] });
  }
  const { createRequire } = await import('node:module');
  return { ...createRequire(import.meta.url)(path.join(dir, 'bench.cjs')), ...extra, dir };
}

export function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p) => +sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(3);
  return { n: sorted.length, p50_ms: q(0.5), p95_ms: q(0.95), p99_ms: q(0.99) };
}

export function time(fn) {
  const t0 = process.hrtime.bigint();
  const result = fn();
  return result instanceof Promise
    ? result.then((value) => ({ value, ms: Number(process.hrtime.bigint() - t0) / 1e6 }))
    : { value: result, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}
