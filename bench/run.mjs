// Runs every bench/*.bench.mjs in its own process and prints one JSON document with all results.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const results = {};
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .sort()) {
  const name = file.replace(/\.bench\.mjs$/, '');
  if (only.length && !only.includes(name)) continue;
  const out = execFileSync(process.execPath, [path.join(dir, file)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  results[name] = JSON.parse(out);
}
console.log(JSON.stringify({ machine: { node: process.version, platform: process.platform, arch: process.arch }, results }, null, 2));
