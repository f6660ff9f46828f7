/**
 * `activation-lab compare`: trains the comparison CNN once per activation in Node (tfjs
 * wasm backend with our training kernels by default; webgpu through Dawn, src/node/webgpu.ts)
 * and writes a results file (media/results.schema.json). `--shard=i/n` trains only part of
 * the grid (src/cli/shard.ts). Progress goes to stderr; Ctrl-C saves what finished.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { getActivation, resolveParams } from '../core/activations/catalogue';
import type { ActivationDef } from '../core/activations/types';
import { compileUserActivation } from '../core/expression/compile';
import { inferParams } from '../core/expression/inferParams';
import { describeExpressionError } from '../core/expression/resolve';
import { parseBundled, BUNDLED_FILE } from '../core/data/bundled';
import { IdxError } from '../core/data/idx';
import { loadIdxFolder } from '../core/data/idxFolder';
import { stratifiedSamples, stratifiedSplit } from '../core/data/split';
import { DEFAULT_CONFIG, validateConfig } from '../core/training/comparison';
import type { ActivationChoice, BackendName, DigitSet, EnvironmentInfo, ResultsFile, TrainConfig } from '../core/training/types';
import { registerWasmTrainingKernels } from '../core/training/wasmKernels';
import { configureWebGpuTraining } from '../core/training/webgpuFlags';
import { activationEntryId, parseActivationEntry, splitActivationList } from '../core/settings/activationList';
import { loadNodeWebGpu } from '../node/webgpu';
import { parseArgs, parseNumber, parseParams, quote, UsageError } from './args';
import { checkOutPath, writeOut } from './output';
import { planShard, shardRecord } from './shard';
import { runEngine, startBackend } from './compareEngine';
import type { CliBackend } from './compareEngine';
import { defaultWorkerCount } from '../node/workerPool';
import type { ShardPlan } from './shard';

const HELP = `Usage: activation-lab compare [--data=bundled|<idx folder>] [--activations=relu,gelu,leaky_relu:alpha=0.1]
    [--epochs=${DEFAULT_CONFIG.epochs}] [--train-samples=${DEFAULT_CONFIG.trainSamples}] [--test-samples=${DEFAULT_CONFIG.testSamples}] [--batch-size=${DEFAULT_CONFIG.batchSize}]
    [--backend=auto|wasm|cpu|webgpu] [--workers=N] [--seed=${DEFAULT_CONFIG.seed}] [--lr=${DEFAULT_CONFIG.learningRate}] [--clip-value=${DEFAULT_CONFIG.clipValue}]
    [--loss=categorical_crossentropy|binary_crossentropy] [--repeats=1] [--no-diagnostics]
    [--param name=value ...] [--shard=i/n] --out=<new file.json>
Trains the seed's CNN once per activation and writes a results file (never overwrites; the
folder of --out must exist). --repeats=N trains each activation N times with N seeds (the
train/test split stays on --seed) and adds mean, std, min and max to the file's summary.
Per-layer diagnostics (gradient and weight norms, dead and saturated units, z histograms)
are recorded unless --no-diagnostics. --backend=webgpu runs on the GPU through the npm
package 'webgpu' (Dawn; on Linux it needs the Vulkan loader libvulkan1 and a Vulkan driver).
--shard=i/n trains only the i-th of n parts of the runs (repeats included); 'activation-lab
merge' joins the parts.
--backend=auto (default) times a few real training steps on each backend that can start here
and keeps the fastest (cpu, plain JavaScript, is only a fallback). Runs train in parallel on
--workers worker threads (default: one per core, ${defaultWorkerCount(Number.MAX_SAFE_INTEGER)} here); webgpu trains them one at a time.
An IDX folder holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,
t10k-labels-idx1-ubyte (each optionally .gz). Parameters: <id>:<name>=<value>[:<name>=<value>].
An entry that is not a catalogue id is an expression in x (quote it), e.g.
  --activations='relu,x * sigmoid(1.702 * x),x > 0 ? x : a * (exp(x) - 1)' --param a=0.5`;

const VALUED = ['data', 'activations', 'epochs', 'train-samples', 'test-samples', 'batch-size', 'backend', 'workers', 'seed', 'lr', 'clip-value', 'loss', 'repeats', 'out', 'shard'];

/**
 * A catalogue entry `id[:name=value...]` (src/core/settings/activationList.ts) with
 * complete, range-checked parameters.
 */
function catalogueChoice(item: string, def: ActivationDef): ActivationChoice {
  try {
    return { activation: def.id, params: resolveParams(def, parseActivationEntry(item).params) };
  } catch (e) {
    throw new UsageError(`--activations: ${(e as Error).message}`);
  }
}

/**
 * An expression in x (issue 7) with the `--param` values it uses; the run is named
 * `expression<n>` (n: 1-based entry position; tfjs layer names cannot hold the source) and
 * carries its source in `expression`.
 */
function expressionChoice(item: string, n: number, given: Readonly<Record<string, number>>): ActivationChoice {
  const r = compileUserActivation(item, given);
  if (!r.ok && /^[A-Za-z_][\w-]*$/.test(item)) throw new UsageError(`--activations: unknown activation ${quote(item)} (see 'activation-lab list'), and not an expression in x`);
  if (!r.ok) throw new UsageError(`--activations: ${describeExpressionError(item, r.error)}`);
  const used = Object.keys(inferParams(item, given));
  const params = Object.fromEntries(used.map((k) => [k, given[k]!]));
  return { activation: `expression${n}`, params, expression: item };
}

/**
 * Parses `relu,leaky_relu:alpha=0.1,x * sigmoid(1.702 * x)` into choices: catalogue ids with
 * complete parameters, other entries as expressions in x whose parameters come from
 * `--param name=value` (commas inside parentheses do not split entries).
 * @throws UsageError naming an unknown activation or bad expression (with its column), a
 *   malformed or out-of-range parameter, or a `--param` no expression uses.
 */
export function parseActivations(token: string, given: Readonly<Record<string, number>> = {}): ActivationChoice[] {
  if (token.trim() === '') throw new UsageError('--activations: empty list');
  const items = splitActivationList(token);
  const empty = items.indexOf('');
  if (empty >= 0) throw new UsageError(`--activations: entry ${empty + 1} is empty`);
  const choices = items.map((item, i) => {
    const id = activationEntryId(item);
    const def = id === undefined ? undefined : getActivation(id);
    if (def) return catalogueChoice(item, def);
    // `foo:alpha=1` is the catalogue form with a wrong id, not an expression.
    if (id !== undefined && /^[^:]*:\s*[A-Za-z_]\w*\s*=/.test(item)) throw new UsageError(`--activations: unknown activation ${quote(id)}`);
    return expressionChoice(item, i + 1, given);
  });
  const unused = Object.keys(given).filter((k) => !choices.some((c) => c.expression !== undefined && Object.hasOwn(c.params, k)));
  if (unused.length) throw new UsageError(`--param: ${quote(unused[0]!)} is not used by any expression in --activations`);
  return choices;
}

function intOption(v: string | undefined, what: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = parseNumber(v, what);
  if (!Number.isInteger(n)) throw new UsageError(`${what}: ${quote(v)} is not an integer`);
  return n;
}

/** The command-line flag of each TrainConfig field that validateConfig names. */
const FLAG_OF_FIELD: Readonly<Record<string, string>> = {
  epochs: '--epochs', batchSize: '--batch-size', trainSamples: '--train-samples', testSamples: '--test-samples',
  seed: '--seed', learningRate: '--lr', clipValue: '--clip-value', loss: '--loss', repeats: '--repeats',
};

/**
 * A validateConfig message as the user typed it: `epochs must be ...` -> `--epochs: must be ...`;
 * `choose at least one activation` -> `--activations: ...`.
 */
function withFlag(message: string): string {
  const m = /^(\w+) (.*)$/s.exec(message);
  const flag = m && Object.hasOwn(FLAG_OF_FIELD, m[1]!) ? FLAG_OF_FIELD[m[1]!] : undefined;
  if (flag) return `${flag}: ${m![2]}`;
  return /activation/.test(message) ? `--activations: ${message}` : message;
}

/** Everything `compare` needs, checked before any training. */
interface Plan { config: TrainConfig; data: string; backend: CliBackend; workers?: number; out: string; shard: ShardPlan }

function plan(argv: string[]): Plan {
  const a = parseArgs(argv, VALUED, ['help', 'no-diagnostics']);
  if (a.positionals.length) throw new UsageError(`unexpected argument ${quote(a.positionals[0]!)}`);
  const o = (k: string): string | undefined => a.options.get(k);
  const out = o('out');
  if (!out) throw new UsageError('--out=<file.json> is required');
  if (!out.toLowerCase().endsWith('.json')) throw new UsageError(`--out: ${quote(out)} must end in .json`);
  checkOutPath(out);
  if (existsSync(out)) throw new UsageError(`--out: ${quote(out)} exists; results files are never overwritten`);
  const backend = (o('backend') ?? 'auto') as CliBackend;
  if (!['auto', 'wasm', 'cpu', 'webgpu'].includes(backend)) throw new UsageError(`--backend: ${quote(backend)} is not auto, wasm, cpu or webgpu`);
  const workers = o('workers') === undefined ? undefined : intOption(o('workers'), '--workers', 1);
  if (workers !== undefined && (workers < 1 || workers > 256)) throw new UsageError(`--workers: ${workers} is not in 1..256`);
  const loss = (o('loss') ?? DEFAULT_CONFIG.loss) as TrainConfig['loss'];
  const data = o('data') ?? 'bundled';
  const config: TrainConfig = {
    dataset: data === 'bundled' ? 'bundled' : `idx:${basename(resolve(data))}`,
    epochs: intOption(o('epochs'), '--epochs', DEFAULT_CONFIG.epochs),
    batchSize: intOption(o('batch-size'), '--batch-size', DEFAULT_CONFIG.batchSize),
    trainSamples: intOption(o('train-samples'), '--train-samples', DEFAULT_CONFIG.trainSamples),
    testSamples: intOption(o('test-samples'), '--test-samples', DEFAULT_CONFIG.testSamples),
    learningRate: o('lr') === undefined ? DEFAULT_CONFIG.learningRate : parseNumber(o('lr')!, '--lr'),
    clipValue: o('clip-value') === undefined ? DEFAULT_CONFIG.clipValue : parseNumber(o('clip-value')!, '--clip-value'),
    loss,
    seed: intOption(o('seed'), '--seed', DEFAULT_CONFIG.seed),
    activations: parseActivations(o('activations') ?? 'relu,gelu', parseParams(a.params)),
    repeats: intOption(o('repeats'), '--repeats', 1),
    diagnostics: !a.flags.has('no-diagnostics'),
  };
  const bad = validateConfig(config);
  if (bad.length) throw new UsageError(withFlag(bad[0]!));
  if (data !== 'bundled' && !(existsSync(data) && statSync(data).isDirectory())) throw new UsageError(`--data: ${quote(data)} is not 'bundled' or a folder`);
  return { config, data, backend, workers, out, shard: planShard(config, o('shard'), config.repeats ?? 1) };
}

/** First existing path among `candidates`, else undefined. */
function firstExisting(candidates: string[]): string | undefined {
  return candidates.find((p) => existsSync(p));
}

/** The bundled digits: beside the CLI bundle (out/cli -> out/webview/data) or in the repo's out/ when run from source. */
export async function loadBundled(): Promise<DigitSet> {
  const path = firstExisting([join(__dirname, '..', 'webview', 'data', BUNDLED_FILE), join(__dirname, '..', '..', 'out', 'webview', 'data', BUNDLED_FILE)]);
  if (!path) throw new Error(`bundled digits ${BUNDLED_FILE} not found next to the CLI: run 'node esbuild.mjs'`);
  return parseBundled(new Uint8Array(await readFile(path)), path);
}

/** Train/test digit sets for the plan: seeded stratified samples. */
async function loadData(p: Plan): Promise<{ train: DigitSet; test: DigitSet }> {
  const { trainSamples, testSamples, seed } = p.config;
  try {
    if (p.data === 'bundled') {
      const all = await loadBundled();
      checkSizes(trainSamples, all.count - 1, `--train-samples: ${trainSamples} samples`, 'the bundled digits less one for testing');
      checkSizes(trainSamples + testSamples, all.count, `--train-samples + --test-samples: ${trainSamples} + ${testSamples} samples`, 'the bundled digits');
      return stratifiedSplit(all, trainSamples, testSamples, seed);
    }
    const read = async (name: string): Promise<Uint8Array | undefined> => {
      const f = join(p.data, name);
      return existsSync(f) ? new Uint8Array(await readFile(f)) : undefined;
    };
    const sets = await loadIdxFolder(read);
    checkSizes(trainSamples, sets.train.count, `--train-samples: ${trainSamples} samples`, `the training set of ${quote(p.data)}`);
    checkSizes(testSamples, sets.test.count, `--test-samples: ${testSamples} samples`, `the test set of ${quote(p.data)}`);
    return { train: stratifiedSamples(sets.train, [trainSamples], seed)[0]!, test: stratifiedSamples(sets.test, [testSamples], seed + 1)[0]! };
  } catch (e) {
    if (e instanceof IdxError || e instanceof RangeError) throw new UsageError(`--data: ${e.message}`);
    throw e;
  }
}

/** @throws UsageError `<asked> are more than the <count> in <where>` (the flags, not --data). */
function checkSizes(asked: number, count: number, what: string, where: string): void {
  if (asked > count) throw new UsageError(`${what} are more than the ${count} in ${where}`);
}

/** Folder with the tfjs wasm binaries: out/webview/wasm beside the CLI bundle (out/cli), else node_modules. */
function wasmDir(): string {
  const found = firstExisting([join(__dirname, '..', 'webview', 'wasm'), join(__dirname, '..', '..', 'out', 'webview', 'wasm')]);
  if (found && existsSync(join(found, 'tfjs-backend-wasm.wasm'))) return found;
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
}

/** An active backend: what results files record, and warnings for the user. */
export interface NodeBackend { readonly environment: EnvironmentInfo; readonly warnings: string[] }

/**
 * Selects a tfjs backend in Node. wasm: loads the binaries from `wasmDir()` and registers
 * the training kernels (src/core/training/wasmKernels.ts). webgpu: Dawn
 * through the npm package `webgpu` (src/node/webgpu.ts); adapter info and Dawn version are
 * recorded, and a fallback (software) adapter gives a warning.
 * @throws UsageError (one line, naming what to install) when the backend cannot start here.
 */
export async function startNodeBackend(name: BackendName): Promise<NodeBackend> {
  let adapter: EnvironmentInfo['adapter'] = null;
  let dawnVersion: string | undefined;
  const warnings: string[] = [];
  if (name === 'wasm') {
    const mod = await import('@tensorflow/tfjs-backend-wasm');
    // The Node build is CommonJS: from the ESM CLI bundle its exports sit on `default`.
    const wasm = 'setWasmPaths' in mod ? mod : (mod as unknown as { default: typeof mod }).default;
    wasm.setWasmPaths(wasmDir() + '/');
    registerWasmTrainingKernels(tf);
  } else if (name === 'webgpu') {
    const gpu = await loadNodeWebGpu();
    if (!gpu.ok) throw new UsageError(`--backend: webgpu is not available here: ${gpu.reason}`);
    ({ adapter, dawnVersion } = gpu);
    warnings.push(...gpu.warnings);
    configureWebGpuTraining(tf.env());
  }
  const ok = await tf.setBackend(name);
  if (!ok || tf.getBackend() !== name) throw new UsageError(`--backend: tfjs backend '${name}' failed to start`);
  const version = (tf.version as Record<string, string>)['tfjs'] ?? tf.version_core;
  const environment: EnvironmentInfo = { backend: name, adapter, tfjsVersion: version, host: `node ${process.version} ${process.platform}-${process.arch}`, ...(dawnVersion ? { dawnVersion } : {}) };
  return { environment, warnings };
}

/** {@link startNodeBackend} for callers that need only the environment (benchmarks, tests). */
export async function initNodeBackend(name: BackendName): Promise<EnvironmentInfo> {
  return (await startNodeBackend(name)).environment;
}

/** Exit code for a finished file: 0 completed, 130 cancelled (SIGINT), 1 failed. */
function exitCode(file: ResultsFile): number {
  return file.status === 'completed' ? 0 : file.status === 'cancelled' ? 130 : 1;
}

/**
 * Runs `compare`. Everything is checked (arguments, data files, backend) before training;
 * bad input -> UsageError (exit 2, one line, no file).
 */
export async function runCompare(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const p = plan(argv);
  const { train, test } = await loadData(p);
  const { environment, warnings } = await startBackend(p.backend, train, p.config);
  if (environment.selection) process.stderr.write(`backend: ${environment.selection.summary}\n`);
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  const { file } = await runEngine({ config: p.config, train, test, environment, workers: p.workers, cells: p.shard.cells });
  for (const w of file.warnings ?? []) process.stderr.write(`warning: ${w}\n`);
  file.warnings = [...(file.warnings ?? []), ...warnings];
  const shard = shardRecord(p.shard, train, test);
  if (shard) file.shard = shard;
  await writeOut(p.out, JSON.stringify(file, null, 2) + '\n', { overwrite: false });
  process.stderr.write(`wrote ${p.out} (${file.status})\n`);
  return exitCode(file);
}
