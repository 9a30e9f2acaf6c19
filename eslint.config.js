// Lint rules, and the layering of ARCHITECTURE.md enforced as import restrictions:
// each folder may import only the layers below it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const banned = (patterns, message) => ({ group: patterns, message });

const layer = (files, patterns, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [banned(patterns, message)] }] },
});

const ABOVE_STORE = ['**/registry/**', '**/apiserver/**', '**/client/**', '**/controllers/**', '**/scheduler/**', '**/kubelet/**', '**/proxy/**', '**/cluster/**'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', '.cache/**', 'core/api/generated/**', 'test/artifacts/**', 'renderer/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  layer(['core/**'], ['electron', 'electron/*', '**/electron/**', '**/renderer/**', 'vue', 'pinia'], 'core/ is plain Node: it never imports Electron or the renderer'),
  layer(['core/api/**', 'core/util/**'], ['**/store/**', '../store', ...ABOVE_STORE], 'core/api and core/util are the bottom layer'),
  layer(['core/store/**'], ABOVE_STORE, 'the store may import only api and util'),
  layer(['core/registry/**'], ABOVE_STORE.filter((p) => !p.includes('registry')), 'the registry may import only the store, api and util'),
  layer(['core/apiserver/**', 'core/client/**'], ['**/controllers/**', '**/scheduler/**', '**/kubelet/**', '**/proxy/**', '**/cluster/**'], 'the API server and client sit below the controllers'),
  layer(
    ['core/controllers/**', 'core/scheduler/**', 'core/kubelet/**', 'core/proxy/**'],
    ['**/store/**', '**/registry/**', '**/apiserver/**', '**/cluster/**'],
    'controllers, scheduler, kubelet and proxy talk to the cluster through core/client only',
  ),
  // The desktop app's zones: the renderer is a browser page (core only as types), the preload
  // sees nothing but the shared contract, electron/shared is pure, and the main process uses
  // core through its public entries only.
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'fs', 'path', 'child_process', 'os', 'crypto'].map((name) => ({ name, message: 'the renderer runs in a browser: it reaches the main process only through the bridge' })),
          patterns: [
            { group: ['node:*', '**/electron/main/**', '**/electron/preload/**'], message: 'the renderer runs in a browser: it reaches the main process only through the bridge' },
            { group: ['**/core/**'], allowTypeImports: true, message: 'the renderer may import core only as types (import type)' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [banned(['**/core/**', '**/electron/main/**', '**/renderer/**', 'node:*'], 'the preload exposes the bridge contract from electron/shared and nothing else')] }],
    },
  },
  {
    files: ['electron/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron/shared runs anywhere, the browser included' }],
          patterns: [banned(['node:*', '**/electron/main/**', '**/electron/preload/**', '**/renderer/**', '**/core/*/**', '!**/core/bridge/contract.js', '!**/core/bridge/methods.js', '!**/core/bridge/protocol.js', '!**/core/api/types.js'], 'electron/shared is pure: only the bridge contract, its names and its protocol')],
        },
      ],
    },
  },
  {
    files: ['electron/main/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [banned(['**/core/*/**', '!**/core/cluster/index.js', '!**/core/bridge/index.js', '**/renderer/**', '**/electron/preload/**'], 'the main process uses core through its public entries (core/cluster, core/bridge) only')] }],
    },
  },
);
