import { UsageError } from './args';

/** Scaffold: replaced by the feature's implementation. */
export async function runCompare(_argv: string[]): Promise<number> {
  throw new UsageError('not built yet');
}
