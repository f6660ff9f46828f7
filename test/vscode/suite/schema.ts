/**
 * The contributed JSON Schema of results files (media/results.schema.json, the one VS Code
 * validates through `jsonValidation`), applied with ajv inside the extension host.
 */
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import * as vscode from 'vscode';
import { extension } from './helpers';

/** Validates `data` against media/results.schema.json with ajv (draft-07 or 2020-12); '' when valid. */
export async function schemaErrors(data: unknown): Promise<string> {
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extension().extensionUri, 'media', 'results.schema.json'));
  const schema = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  const draft2020 = String(schema.$schema ?? '').includes('2020-12');
  const ajv = draft2020 ? new Ajv2020({ allErrors: true, strict: false }) : new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  return validate(data) ? '' : ajv.errorsText(validate.errors);
}
