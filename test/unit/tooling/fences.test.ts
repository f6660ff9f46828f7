/**
 * The import fences of eslint.config.mjs (`zones/fence`), run through ESLint's API on small
 * sources placed in each zone: what the README's architecture section forbids is reported,
 * what it allows is not.
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const ROOT = join(__dirname, '..', '..', '..');
let eslint: ESLint;

before(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The fence messages ESLint reports for `code` as if it were the file `path`. */
async function fenceErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'zones/fence').map((m) => m.message);
}

test('src/core imports neither vscode, Node built-ins nor anything outside src/core', async () => {
  const errors = await fenceErrors('src/core/probe.ts', [
    "import * as vscode from 'vscode';",
    "import { readFileSync } from 'node:fs';",
    "import { testHooks } from '../host/testHooks';",
    "import type { SideRun } from '../protocol/sideView';",
    "export type A = typeof import('../node/atomicWrite');",
    "import { getActivation } from './activations/catalogue';",
    "export const x = [vscode, readFileSync, testHooks, getActivation] as unknown as SideRun;",
  ].join('\n'));
  assert.equal(errors.length, 5, errors.join('\n'));
  assert.match(errors.join('\n'), /'vscode'[\s\S]*node:fs[\s\S]*src\/host\/testHooks[\s\S]*src\/protocol\/sideView[\s\S]*src\/node\/atomicWrite/);
});

test('webview code imports only webview/, src/core and src/protocol', async () => {
  const errors = await fenceErrors('webview/explorer/probe.ts', [
    "import type * as vscode from 'vscode';",
    "import { logWarning } from '../../src/host/log';",
    "import { renderSvg } from '../../src/node/svgRenderer';",
    "import { h } from '../shared/dom';",
    "import { CommandId } from '../../src/protocol/commands';",
    "import { getActivation } from '../../src/core/activations/catalogue';",
    "export const x = [logWarning, renderSvg, h, CommandId, getActivation] as unknown as vscode.Uri;",
  ].join('\n'));
  assert.equal(errors.length, 3, errors.join('\n'));
});

test('src/node and the CLI never import vscode; src/protocol stays free of Node and host code', async () => {
  assert.equal((await fenceErrors('src/node/probe.ts', "import * as vscode from 'vscode';\nimport { isRecord } from '../core/guards';\nexport const x = [vscode, isRecord];")).length, 1);
  assert.equal((await fenceErrors('src/cli/probe.ts', "import { testHooks } from '../host/testHooks';\nimport { writeFileAtomic } from '../node/atomicWrite';\nexport const x = [testHooks, writeFileAtomic];")).length, 1);
  assert.equal((await fenceErrors('src/protocol/probe.ts', "import { randomBytes } from 'node:crypto';\nimport { logWarning } from '../host/log';\nexport const x = [randomBytes, logWarning];")).length, 2);
});

test('src/host may use vscode, Node, src/core, src/protocol and src/node, but not webview/', async () => {
  const errors = await fenceErrors('src/host/probe.ts', [
    "import * as vscode from 'vscode';",
    "import { join } from 'node:path';",
    "import { isRecord } from '../core/guards';",
    "import { CommandId } from '../protocol/commands';",
    "import { writeFileAtomic } from '../node/atomicWrite';",
    "import { h } from '../../webview/shared/dom';",
    "export const x = [vscode, join, isRecord, CommandId, writeFileAtomic, h];",
  ].join('\n'));
  assert.deepEqual(errors.length, 1, errors.join('\n'));
  assert.match(errors[0]!, /webview\/shared\/dom/);
});
