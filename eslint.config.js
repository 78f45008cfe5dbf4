// ESLint flat config. Besides the usual recommended rules it enforces DESIGN.md's layering: which
// layer may import what, and which environment-only globals each layer may touch.

import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Node's built-in modules, bare and with the node: prefix. */
const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);

/** The emulator is pure TypeScript: it runs in a worker_threads worker, a Web Worker and tests. */
const emulatorImports = {
  paths: [...builtinModules, 'electron', 'vue', 'pinia', 'cytoscape'].map((name) => ({
    name,
    message: 'emulator/ is environment-agnostic: no Node, Electron, DOM or UI imports (see DESIGN.md).',
  })),
  patterns: [
    {
      regex: '^(node:|electron/|@vue/|@xterm/)',
      message: 'emulator/ is environment-agnostic: no Node, Electron, DOM or UI imports (see DESIGN.md).',
    },
  ],
};

/** Globals that exist only in a browser page or only in Node. */
const emulatorGlobals = [
  ...['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'self'],
  ...['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate'],
].map((name) => ({ name, message: 'emulator/ is environment-agnostic (see DESIGN.md).' }));

/** The UI side reaches the emulator only through its API: protocol, types, pure helpers. */
const apiOnly = {
  regex: '(^|/)emulator/(?!api(/|$))',
  message: 'Only emulator/api may be imported here; the machine runs in a worker (see DESIGN.md).',
};

export default defineConfig(
  globalIgnores(['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/', 'coverage/', '.bench/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // User code is a generator that yields at each syscall; code that makes none is still user
      // code (a signal handler that only sets a flag, `true`), so a generator without yield is fine.
      'require-yield': 'off',
      // Terminal and text tools match control characters on purpose (escapes, quoting, tty input).
      'no-control-regex': 'off',
    },
  },
  {
    // Config files, main/ (Electron main and CLI), tests and scripts run on Node.
    files: ['*.{js,mjs,ts}', 'main/**', 'test/**'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['emulator/**/*.ts'],
    languageOptions: { globals: globals['shared-node-browser'] },
    rules: {
      'no-restricted-imports': ['error', emulatorImports],
      'no-restricted-globals': ['error', ...emulatorGlobals],
    },
  },
  {
    files: ['renderer/src/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, 'electron'].map((name) => ({
            name,
            message: 'The renderer is a sandboxed web page: it reaches the machine through window.ringside.',
          })),
          patterns: [apiOnly],
        },
      ],
    },
  },
  {
    // The preload script runs sandboxed: only `electron`'s renderer modules and the API types.
    files: ['preload/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'A sandboxed preload cannot load Node modules.' })),
          patterns: [apiOnly],
        },
      ],
    },
  },
);
