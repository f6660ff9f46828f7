/**
 * Entry of the mocha suite that runs INSIDE the extension host of a real VS Code. Both
 * runners load it as `extensionTestsPath` (bundled to out/test/suite/index.js):
 * `@vscode/test-electron` (desktop VS Code) and code-server (test/vscode/runCodeServer.ts).
 * Mocha 11 is CommonJS, so `require('mocha')` works here (mocha 12 is ESM-only).
 */
import Mocha from 'mocha';
import { defineExtensionTests } from './extension.test';
import { defineCompanionTests } from './companions.test';
import { defineMnistTests } from './mnist.test';
import { defineHostileTests } from './hostile.test';
import { defineFaultTests } from './faults.test';
import { defineFullDataTests } from './fullData.test';

/**
 * Runs every test; resolves when all passed, rejects with the number of failures.
 * VS Code calls this once, after the extension under development was loaded.
 */
export function run(): Promise<void> {
  // SUITE_GREP (in the environment of the runner, which code-server passes on) runs only the matching tests.
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', ...(process.env.SUITE_GREP ? { grep: process.env.SUITE_GREP } : {}) });
  // The bdd interface binds `describe`/`it` (exported by 'mocha') on this event.
  mocha.suite.emit('pre-require', globalThis, 'activation-lab-suite', mocha);
  defineExtensionTests();
  defineHostileTests();
  defineCompanionTests();
  defineMnistTests();
  defineFaultTests();
  defineFullDataTests();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
