/**
 * Where an Electron binary is, without triggering the electron package's lazy download
 * (requiring `electron` from Node would try to fetch it from the network).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): { path: string } | { missing: string } {
  const pkg = path.resolve(__dirname, '..', '..', 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist');
  const binary = path.join(
    dist,
    relative ??
      (process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : process.platform === 'win32' ? 'electron.exe' : 'electron'),
  );
  if (existsSync(binary)) return { path: binary };
  return { missing: `no Electron binary at ${binary} (it is downloaded from GitHub on first launch, which this machine cannot reach)` };
}
