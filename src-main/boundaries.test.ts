/**
 * The process boundaries are enforced by ESLint (eslint.config.mjs), not by review. These
 * tests lint small snippets as if they sat in each folder, proving the rules bite.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: path.resolve(__dirname, '..') });

async function restrictedImports(file: string, code: string): Promise<number> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(__dirname, '..', file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').length;
}

describe('import boundaries', () => {
  it('src-renderer may not import Node, Electron or main code', async () => {
    expect(await restrictedImports('src-renderer/ui/X.tsx', "import fs from 'node:fs'; export default fs;")).toBe(1);
    expect(await restrictedImports('src-renderer/ui/X.tsx', "import path from 'path'; export default path;")).toBe(1);
    expect(await restrictedImports('src-renderer/ui/X.tsx', "import { shell } from 'electron'; export default shell;")).toBe(1);
    expect(
      await restrictedImports('src-renderer/ui/X.tsx', "import { VERSION } from '../../src-main/core/context.js'; export default VERSION;"),
    ).toBe(1);
    expect(await restrictedImports('src-renderer/ui/X.tsx', "import { api } from '../bridge/index.js'; export default api;")).toBe(0);
  });

  it('src-shared stays pure', async () => {
    for (const mod of ['node:path', 'electron', 'react', 'lexical', '@lexical/react']) {
      expect(await restrictedImports('src-shared/api/X.ts', `import x from '${mod}'; export default x;`), mod).toBe(1);
    }
    expect(await restrictedImports('src-shared/api/X.ts', "import { z } from 'zod'; export default z;")).toBe(0);
  });

  it('only the IPC wrapper imports ipcMain, only the preload imports ipcRenderer', async () => {
    const ipcMain = "import { ipcMain } from 'electron'; export default ipcMain;";
    const ipcRenderer = "import { ipcRenderer } from 'electron'; export default ipcRenderer;";
    expect(await restrictedImports('src-main/app/X.ts', ipcMain)).toBe(1);
    expect(await restrictedImports('src-main/ipc/register.ts', ipcMain)).toBe(0);
    expect(await restrictedImports('src-main/app/X.ts', ipcRenderer)).toBe(1);
    expect(await restrictedImports('src-main/preload.ts', ipcRenderer)).toBe(0);
    expect(await restrictedImports('src-main/preload.ts', "import { z } from 'zod'; export default z;")).toBe(1);
  });
});
