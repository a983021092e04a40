// Bundles the Node side: Electron main, the sandboxed preload (CJS, no Node APIs) and the
// `copydesk` CLI. The renderer is built by Vite (vite.config.ts). Output: dist/main/*.cjs.
import { chmodSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outdir: 'dist/main',
  outExtension: { '.js': '.cjs' },
  sourcemap: 'linked',
  legalComments: 'none',
  // Native modules stay in node_modules (unpacked from the asar by electron-builder).
  external: ['electron', 'sharp'],
  define: { __COPYDESK_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: { main: 'src-main/main.ts', preload: 'src-main/preload.ts' } }),
  build({ ...common, entryPoints: { cli: 'src-main/hosts/cliMain.ts' }, banner: { js: '#!/usr/bin/env node' } }),
]);
chmodSync('dist/main/cli.cjs', 0o755);
