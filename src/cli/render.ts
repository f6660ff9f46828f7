import { basename } from 'node:path';
import { allChartsSpec, type LabelledResults } from '../core/charts/resultsCharts';
import { RESULTS_FIGURES } from '../core/charts/diagnosticsCharts';
import { labelledOf } from '../core/results/loadFile';
import { readComparisonFile, ResultsFileError } from '../node/resultsFile';
import { renderSvg } from '../node/svgRenderer';
import { parseArgs, parseNumber, quote, UsageError } from './args';
import { checkOutPath, writeOut } from './output';

const HELP = `Usage: activation-lab render <results.json> [--compare=<other.json|history.csv>] --out=<file.svg> [--width=480]
Renders the MNIST comparison charts (validation accuracy and loss per epoch, training curves,
final test accuracy, samples/s; with diagnostics also gradient norm per layer, dead and
saturated units, clipped fraction, z histograms, confusion matrix, misclassified digits) of
a results file to one SVG. --compare overlays a second file.
Either file may also be a training history from Python: a Keras history.history dict saved
with json.dump (NaN/Infinity allowed; acc/val_acc accepted), a Keras CSVLogger .csv file, or
the same dict of lists from a PyTorch loop.
The folder of --out must exist; a file with no runs is an error (nothing is written).`;

/** Light, print-friendly theme for files (the panels use the VS Code theme instead). */
const FILE_CONFIG = {
  background: '#ffffff',
  font: 'sans-serif',
  range: { category: ['#1a85ff', '#d18616', '#388a34', '#652d90', '#e51400', '#bf8803', '#0598bc', '#bc05bc'] },
};

/**
 * Renders results to SVG text with the one headless renderer (src/node/svgRenderer.ts).
 * @param files one or two labelled results files.
 * @param width plot width in px.
 */
async function renderResultsSvg(files: readonly LabelledResults[], width = 480): Promise<string> {
  return renderSvg({ ...allChartsSpec(files, { width }, RESULTS_FIGURES), config: FILE_CONFIG });
}

/**
 * Reads one results file or Python history.
 * @throws UsageError for an unreadable or invalid file (naming it and its first problem), or one with no runs.
 */
async function load(path: string): Promise<LabelledResults> {
  let loaded;
  try {
    loaded = await readComparisonFile(path);
  } catch (e) {
    if (e instanceof ResultsFileError) throw new UsageError(e.message);
    throw e;
  }
  const label = basename(path).replace(/\.(json|csv)$/i, '');
  const f = labelledOf(label, loaded.kind === 'results' ? { results: loaded.results } : { history: loaded.history });
  if (f.results.runs.length === 0) throw new UsageError(`${quote(path)}: no runs to render`);
  return f;
}

/**
 * `activation-lab render <file.json> [--compare=<file.json>] --out=<file.svg> [--width=N]`.
 * Validates everything before writing; the SVG is written atomically.
 * @throws UsageError (exit 2, one line, no file written) for bad arguments or a bad file.
 */
export async function runRender(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['out', 'compare', 'width'], ['help']);
  if (args.flags.has('help')) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  if (args.positionals.length !== 1) throw new UsageError(`expected one results file, got ${args.positionals.length}${args.positionals.length > 1 ? ` (${args.positionals.map(quote).join(', ')})` : ''}`);
  const out = args.options.get('out');
  if (!out) throw new UsageError('--out=<file.svg> is required');
  if (!out.toLowerCase().endsWith('.svg')) throw new UsageError(`--out: ${quote(out)} must end in .svg`);
  checkOutPath(out);
  const width = args.options.has('width') ? parseNumber(args.options.get('width')!, '--width') : 480;
  if (!Number.isInteger(width) || width < 100 || width > 4000) throw new UsageError(`--width: ${width} is not an integer in 100..4000`);
  const files = [await load(args.positionals[0]!)];
  const other = args.options.get('compare');
  if (other !== undefined) files.push(await load(other));
  const svg = await renderResultsSvg(files, width);
  await writeOut(out, svg);
  process.stdout.write(`wrote ${out}\n`);
  return 0;
}
