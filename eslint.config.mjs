// ESLint (flat config) with typescript-eslint's rules that need no type information (fast:
// `npm run lint` runs in seconds), plus the import fences that keep the zones of the README's
// architecture section apart. Type errors are tsc's job (`npm run typecheck`).
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ROOT = import.meta.dirname;
const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/**
 * Who may import what. `may`: folders (repo-relative, with a trailing '/') a relative
 * import may reach; `vscode`, `node`: whether the `vscode` module and Node built-ins are
 * allowed. The first zone whose `files` prefix matches a file applies.
 */
const ZONES = [
  { files: 'src/core/', why: 'src/core is pure: it imports only src/core', may: ['src/core/'], vscode: false, node: false },
  { files: 'src/protocol/', why: 'src/protocol (compiled for the webviews too) imports only src/core and src/protocol', may: ['src/core/', 'src/protocol/'], vscode: false, node: false },
  { files: 'webview/', why: 'webview code imports only webview/, src/core and src/protocol', may: ['webview/', 'src/core/', 'src/protocol/'], vscode: false, node: false },
  { files: 'src/node/', why: 'src/node is Node without vscode: it imports src/core and src/node', may: ['src/core/', 'src/node/'], vscode: false, node: true },
  { files: 'src/cli/', why: 'the CLI runs without VS Code: it imports src/core, src/node and src/cli', may: ['src/core/', 'src/node/', 'src/cli/'], vscode: false, node: true },
  { files: 'src/host/', why: 'src/host imports src/core, src/protocol, src/node and src/host (never webview/ or the CLI)', may: ['src/core/', 'src/protocol/', 'src/node/', 'src/host/'], vscode: true, node: true },
  { files: 'src/extension.ts', why: 'the entry only wires src/host', may: ['src/host/'], vscode: true, node: true },
];

/** Repo-relative path with '/' separators. */
const repoPath = (abs) => relative(ROOT, abs).split(sep).join('/');

/** The `zones/fence` rule: checks every static, dynamic, type and require import. */
const fence = {
  meta: { type: 'problem', docs: { description: 'keep imports inside the zone of the file (README: Architecture)' }, schema: [] },
  create(context) {
    const file = repoPath(context.filename);
    const zone = ZONES.find((z) => file === z.files || file.startsWith(z.files));
    if (!zone) return {};
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const target = repoPath(resolve(dirname(context.filename), spec));
        if (!zone.may.some((m) => target.startsWith(m))) context.report({ node, message: `${zone.why}; '${spec}' reaches ${target}.` });
      } else if (spec === 'vscode' && !zone.vscode) {
        context.report({ node, message: `${zone.why}; no 'vscode' here.` });
      } else if (NODE_BUILTINS.has(spec) && !zone.node) {
        context.report({ node, message: `${zone.why}; no Node built-in ('${spec}') here.` });
      }
    };
    const fromSource = (node) => check(node, node.source?.value);
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => check(node, node.source.type === 'Literal' ? node.source.value : undefined),
      TSImportType: (node) => check(node, node.argument?.literal?.value ?? node.argument?.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') check(node, node.arguments[0].value);
      },
    };
  },
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.vscode-test/**', 'test-artifacts/**', 'demo/**', 'media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { zones: { rules: { fence } } },
    rules: {
      'zones/fence': 'error',
      // Constants quoted to the digits of their source (SELU's alpha and lambda) on purpose.
      'no-loss-of-precision': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    // Tests look into untyped JSON and vega specs.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // CommonJS helpers (a worker-thread entry that loads TypeScript through tsx's require hook).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
