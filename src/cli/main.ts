import { oneLine, quote, UsageError } from './args';

/** One CLI subcommand: resolves to the process exit code. */
type Command = (argv: string[]) => Promise<number>;

const USAGE = `Usage: activation-lab <command> [options]
Commands:
  list [--json]                         the activation catalogue
  eval <id|expression> --x=v1,v2,... [--param name=value ...] [--json]
  gradients --activation <id> --weights=... --biases=... --input=x --target=y --lr=eta [--json]
  compare [--data=bundled|<idx folder>] [--activations=relu,gelu] [--epochs=N] [--backend=wasm|webgpu|cpu] [--shard=i/n] --out=<file.json>
  merge <shard.json> <shard.json> ... --out=<file.json>
  benchmark [--quick] [--batches=N] [--batch-size=N] [--torch]
  render <results.json> --out=<file.svg>
Run 'activation-lab <command> --help' for a command's options.`;

/** Set to 1 to print the stack of an unexpected error. */
const DEBUG_ENV = 'ACTIVATION_LAB_DEBUG';

async function load(name: string): Promise<Command | undefined> {
  switch (name) {
    case 'list': return (await import('./listEval')).runList;
    case 'eval': return (await import('./listEval')).runEval;
    case 'gradients': return (await import('./gradients')).runGradients;
    case 'compare': return (await import('./compare')).runCompare;
    case 'merge': return (await import('./merge')).runMerge;
    case 'benchmark': return (await import('./benchmark')).runBenchmark;
    case 'render': return (await import('./render')).runRender;
    default: return undefined;
  }
}

/**
 * Dispatches argv. `--help`: usage on stdout, exit 0; no command: usage on stderr, exit 2.
 * UsageError -> one stderr line, exit 2. Anything else is a bug: one stderr line with the
 * message and a hint to re-run with ACTIVATION_LAB_DEBUG=1, which prints the stack; exit 1.
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (!name) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  const cmd = await load(name);
  if (!cmd) {
    process.stderr.write(`activation-lab: unknown command ${quote(name)} (see 'activation-lab --help')\n`);
    return 2;
  }
  try {
    return await cmd(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`activation-lab ${name}: ${oneLine(e.message)}\n`);
      return 2;
    }
    if (process.env[DEBUG_ENV] === '1') {
      process.stderr.write(`activation-lab ${name}: ${(e as Error).stack ?? String(e)}\n`);
    } else {
      const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      process.stderr.write(`activation-lab ${name}: internal error: ${oneLine(msg)} (re-run with ${DEBUG_ENV}=1 for the stack)\n`);
    }
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
