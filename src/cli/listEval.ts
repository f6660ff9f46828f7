import { UsageError } from './args';

/** Scaffold: replaced by the feature's implementation. */
export async function runList(_argv: string[]): Promise<number> {
  throw new UsageError('not built yet');
}

/** Scaffold: replaced by the feature's implementation. */
export async function runEval(_argv: string[]): Promise<number> {
  throw new UsageError('not built yet');
}
