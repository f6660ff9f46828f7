import { UsageError } from './args';

/** One CLI subcommand: resolves to the process exit code. */
type Command = (argv: string[]) => Promise<number>;

const USAGE = `Usage: activation-lab <command> [options]
Commands:
  list [--json]                         the activation catalogue
  eval <id|expression> --x=v1,v2,... [--param name=value ...] [--json]
  gradients --activation <id> --weights=... --biases=... --input=x --target=y --lr=eta [--json]
  compare [--data=bundled|<idx folder>] [--activations=relu,gelu] [--epochs=N] --out=<file.json>
  render <results.json> --out=<file.svg>
Run 'activation-lab <command> --help' for a command's options.`;

async function load(name: string): Promise<Command | undefined> {
  switch (name) {
    case 'list': return (await import('./listEval')).runList;
    case 'eval': return (await import('./listEval')).runEval;
    case 'gradients': return (await import('./gradients')).runGradients;
    case 'compare': return (await import('./compare')).runCompare;
    case 'render': return (await import('./render')).runRender;
    default: return undefined;
  }
}

/** Dispatches argv; UsageError -> one stderr line + exit 2; anything else -> exit 1. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(USAGE + '\n');
    return name ? 0 : 2;
  }
  const cmd = await load(name);
  if (!cmd) {
    process.stderr.write(`activation-lab: unknown command '${name}'\n`);
    return 2;
  }
  try {
    return await cmd(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`activation-lab ${name}: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`activation-lab ${name}: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
