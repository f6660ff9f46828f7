// Portable GPU benchmark bundle: `npm run bundle:gpu -- --out=DIR` writes a self-contained
// folder (at most 60 MiB) for a bare Linux x86-64 machine with a GPU and no Node:
//   run.sh        unpacks into a temporary folder and runs `activation-lab benchmark --torch`
//   node.gz       the Node binary running this script (gzip: every Linux can unpack it)
//   app.tar.gz    the built CLI (out/cli, out/cli.js), its wasm binaries and bundled digits,
//                 bench/torch_cnn.py, and node_modules/webgpu with only its linux-x64 dawn.node
//   NOTICE.txt, LICENSES/   what is inside and under which licence
// Nothing is downloaded, here or there. Builds out/ first (node esbuild.mjs).
import { execFileSync } from 'node:child_process';
import { copyFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { constants, createGzip } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The limit for the whole folder. */
const MAX_BYTES = 60 * 1024 * 1024;

/** Exits 2 with one line (bad input or a machine that cannot build the bundle). */
function fail(message) {
  process.stderr.write(`bundle:gpu: ${message}\n`);
  process.exit(2);
}

function outDir(argv) {
  const arg = argv.find((a) => a.startsWith('--out='));
  const unknown = argv.find((a) => !a.startsWith('--out='));
  if (unknown) fail(`unknown argument ${JSON.stringify(unknown)} (usage: npm run bundle:gpu -- --out=DIR)`);
  if (!arg || arg === '--out=') fail('--out=DIR is required');
  const dir = resolve(arg.slice('--out='.length));
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) fail(`--out: ${JSON.stringify(dir)} exists and is not an empty folder`);
  return dir;
}

function checkHost() {
  if (process.platform !== 'linux' || process.arch !== 'x64') fail(`the bundle is for Linux x86-64 and carries this machine's Node binary; this is ${process.platform}-${process.arch}`);
  const head = readFileSync(process.execPath).subarray(0, 5);
  if (head.toString('latin1') !== '\x7fELF\x02') fail(`${process.execPath} is not a 64-bit ELF binary`);
}

/** Copies `from` to `to`, creating folders; `filter` picks files in a folder. */
function copy(from, to, filter = () => true) {
  if (statSync(from).isDirectory()) {
    for (const name of readdirSync(from)) if (statSync(join(from, name)).isDirectory() || filter(name)) copy(join(from, name), join(to, name), filter);
    return;
  }
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

/** The app folder: what run.sh unpacks next to the Node binary. */
function stageApp(stage) {
  const app = join(stage, 'app');
  copy(join(ROOT, 'out', 'cli.js'), join(app, 'cli.js'));
  copy(join(ROOT, 'out', 'cli'), join(app, 'cli'), (n) => n.endsWith('.mjs'));
  copy(join(ROOT, 'out', 'webview', 'wasm'), join(app, 'webview', 'wasm'), (n) => n.endsWith('.wasm'));
  copy(join(ROOT, 'out', 'webview', 'data'), join(app, 'webview', 'data'));
  copy(join(ROOT, 'bench', 'torch_cnn.py'), join(app, 'torch_cnn.py'));
  const webgpu = join(ROOT, 'node_modules', 'webgpu');
  for (const f of ['package.json', 'index.js', 'LICENSE.md', 'dist/linux-x64/dawn.node']) copy(join(webgpu, f), join(app, 'node_modules', 'webgpu', f));
  return JSON.parse(readFileSync(join(webgpu, 'package.json'), 'utf8')).version;
}

async function gzipFile(from, to) {
  await pipeline(createReadStream(from), createGzip({ level: constants.Z_BEST_COMPRESSION }), createWriteStream(to));
}

function notices(dir, webgpuVersion) {
  mkdirSync(join(dir, 'LICENSES'));
  copyFileSync(join(ROOT, 'LICENSE'), join(dir, 'LICENSES', 'activation-lab.txt'));
  copyFileSync(join(ROOT, 'node_modules', 'webgpu', 'LICENSE.md'), join(dir, 'LICENSES', 'dawn-webgpu.txt'));
  const nodeLicense = ['/usr/share/doc/nodejs/LICENSE', join(dirname(process.execPath), '..', 'share', 'doc', 'node', 'LICENSE')].find((p) => existsSync(p));
  if (nodeLicense) copyFileSync(nodeLicense, join(dir, 'LICENSES', 'node.txt'));
  writeFileSync(join(dir, 'NOTICE.txt'), [
    'Activation Lab portable GPU benchmark. Run: bash run.sh [--quick]',
    '',
    `node.gz      Node.js ${process.version} (${process.execPath}), MIT licence (LICENSES/node.txt)`,
    `app.tar.gz   the Activation Lab CLI (MIT, LICENSES/activation-lab.txt) with TensorFlow.js (Apache-2.0),`,
    `             and the npm package webgpu ${webgpuVersion}: Dawn's dawn.node for linux-x64 (BSD-3-Clause, LICENSES/dawn-webgpu.txt)`,
    '',
  ].join('\n'));
}

function folderBytes(dir) {
  return readdirSync(dir).reduce((n, f) => {
    const p = join(dir, f);
    return n + (statSync(p).isDirectory() ? folderBytes(p) : statSync(p).size);
  }, 0);
}

const dir = outDir(process.argv.slice(2));
checkHost();
process.stderr.write('bundle:gpu: building out/ (node esbuild.mjs)\n');
try {
  execFileSync(process.execPath, [join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'pipe', encoding: 'utf8' });
} catch (e) {
  process.stderr.write(e.stderr ?? '');
  fail('node esbuild.mjs failed (its output is above)');
}
const stage = mkdtempSync(join(tmpdir(), 'bundle-gpu-'));
try {
  const webgpuVersion = stageApp(stage);
  mkdirSync(dir, { recursive: true });
  process.stderr.write('bundle:gpu: packing app.tar.gz and node.gz\n');
  execFileSync('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--mtime=@0', '-czf', join(dir, 'app.tar.gz'), '-C', stage, 'app']);
  await gzipFile(process.execPath, join(dir, 'node.gz'));
  copyFileSync(join(ROOT, 'scripts', 'gpuBundle', 'run.sh'), join(dir, 'run.sh'));
  execFileSync('chmod', ['755', join(dir, 'run.sh')]);
  notices(dir, webgpuVersion);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
const bytes = folderBytes(dir);
if (bytes > MAX_BYTES) fail(`${dir} holds ${(bytes / 2 ** 20).toFixed(1)} MiB, more than the 60 MiB allowed`);
process.stdout.write(`wrote ${dir} (${(bytes / 2 ** 20).toFixed(1)} MiB): bash ${join(dir, 'run.sh')} [--quick]\n`);
