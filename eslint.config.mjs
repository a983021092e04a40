// Lint rules, including the process boundaries of docs/ARCHITECTURE.md as import bans:
// src-shared is pure, src-renderer never touches Node/Electron/main code, only the IPC
// wrapper imports ipcMain and only the preload imports ipcRenderer.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'worker_threads', 'stream'];
const nodePattern = {
  group: ['node:*', ...nodeBuiltins, ...nodeBuiltins.map((m) => `${m}/*`)],
  message: 'Node APIs are main-process only.',
};
const electronPattern = { group: ['electron', 'electron/*'], message: 'Electron is reachable only from src-main.' };
const mainPattern = {
  group: ['**/src-main/**', '../src-main', '../../src-main'],
  message: 'Talk to main through the contract (src-renderer/bridge), never import it.',
};
const rendererPattern = { group: ['**/src-renderer/**'], message: 'The renderer is UI only.' };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodePattern,
            electronPattern,
            mainPattern,
            rendererPattern,
            { group: ['react', 'react-dom', 'react/*', 'lexical', '@lexical/*'], message: 'src-shared is pure: no React or Lexical.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: [nodePattern, electronPattern, mainPattern] }],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', importNames: ['ipcMain'], message: 'Only src-main/ipc/register.ts registers IPC handlers.' },
            { name: 'electron', importNames: ['ipcRenderer', 'contextBridge'], message: 'Only src-main/preload.ts uses ipcRenderer.' },
          ],
          patterns: [rendererPattern, { group: ['react', 'react-dom', 'lexical', '@lexical/*'], message: 'No UI code in main.' }],
        },
      ],
    },
  },
  {
    files: ['src-main/ipc/register.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', importNames: ['ipcRenderer', 'contextBridge'] }] }] },
  },
  {
    files: ['src-main/preload.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', importNames: ['ipcMain'] }],
          patterns: [
            {
              group: ['zod', '**/api/contract.js'],
              message: 'Keep the preload tiny: import channels.ts, types only from contract.ts.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
