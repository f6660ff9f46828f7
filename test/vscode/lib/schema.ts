/**
 * The results file's JSON Schema (media/results.schema.json, contributed through
 * `jsonValidation`) applied with ajv, for the tests that run outside the extension host.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import { ROOT } from './codeServer';

/** ajv's errors for `data` against media/results.schema.json (draft-07 or 2020-12); '' when valid. */
export function resultsSchemaErrors(data: unknown): string {
  const schema = JSON.parse(readFileSync(join(ROOT, 'media', 'results.schema.json'), 'utf8')) as Record<string, unknown>;
  const ajv = String(schema.$schema ?? '').includes('2020-12') ? new Ajv2020({ allErrors: true, strict: false }) : new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  return validate(data) ? '' : ajv.errorsText(validate.errors);
}
