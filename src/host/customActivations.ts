/**
 * Saved custom activations (host): the workspace setting `activationLab.customActivations`
 * (array of {name, expression, params}), the command `activationLab.defineCustomActivation`
 * (input boxes with live validation), and the handler for `webview/saveCustom` messages from
 * the explorer's custom-expression widget. Other features read the list with
 * {@link readSavedCustoms} and resolve names with `resolveActivation` (core/expression/resolve).
 * The compiler (mathjs) is loaded only when an expression is compiled (expressionLoader.ts).
 */
import * as vscode from 'vscode';
import type { SavedActivations } from './editor/hoverContent';
import type { ActivationDef } from '../core/activations/types';
import type { CompileResult } from '../core/expression/compile';
import { customNameProblem, parseSavedShape, type SavedCustom } from '../core/expression/saved';
import { loadExpressionHost } from './expressionLoader';
import { CommandId } from '../protocol/commands';
import type { HostToWebview, WebviewToHost } from '../protocol/shared';

const SECTION = 'activationLab';
const KEY = 'customActivations';

/**
 * The well-formed saved customs (name, expression, params checked; expressions NOT compiled,
 * so reading the list never loads mathjs). Consumers compile them (e.g. `lookupWithCustoms`)
 * and skip any that fail; the problems are reported by {@link registerCustomActivations}.
 */
export function readSavedCustoms(): SavedCustom[] {
  return parseSavedShape(vscode.workspace.getConfiguration(SECTION).get<unknown>(KEY, [])).customs;
}

let compiled: { key: string; lookup: (id: string) => ActivationDef | undefined } | undefined;

/**
 * The saved customs for the hover and side view: names now (no compiling), and a look-up
 * that loads the compiler and compiles them on first call (cached until the list changes).
 */
export function savedActivations(): SavedActivations {
  const customs = readSavedCustoms();
  const key = JSON.stringify(customs);
  return {
    names: customs.map((c) => c.name),
    lookup: () => {
      if (compiled?.key !== key) compiled = { key, lookup: loadExpressionHost().lookupWithCustoms(customs) };
      return compiled.lookup;
    },
  };
}

/** True when a configuration change touches `activationLab.customActivations`. */
export function affectsSavedCustoms(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(`${SECTION}.${KEY}`);
}

/**
 * Adds `custom` to the setting, replacing an entry of the same name. Writes the workspace
 * settings when a folder is open, else the user settings. The entry is compiled first.
 * @throws Error with a user-facing message when the name or expression is invalid.
 */
async function saveCustomActivation(custom: SavedCustom): Promise<void> {
  const nameProblem = customNameProblem(custom.name);
  if (nameProblem) throw new Error(nameProblem);
  const r = loadExpressionHost().compileUserActivation(custom.expression, custom.params, { name: custom.name });
  if (!r.ok) throw new Error(r.error.message);
  const config = vscode.workspace.getConfiguration(SECTION);
  const current = parseSavedShape(config.get<unknown>(KEY, [])).customs.filter((c) => c.name !== custom.name);
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update(KEY, [...current, { name: custom.name, expression: custom.expression, params: { ...custom.params } }], target);
}

/**
 * Handles a checked `webview/saveCustom` message from a webview; `reply` receives the
 * outcome (`webview/customSaved`). Never throws (errors go to the reply and a notification).
 */
export async function handleCustomMessage(msg: Extract<WebviewToHost, { type: 'webview/saveCustom' }>, reply: (m: HostToWebview) => unknown): Promise<void> {
  try {
    await saveCustomActivation({ name: msg.name, expression: msg.expression, params: msg.params });
    reply({ type: 'webview/customSaved', name: msg.name });
  } catch (err) {
    const error = (err as Error).message;
    reply({ type: 'webview/customSaved', name: msg.name, error });
    void vscode.window.showErrorMessage(`Activation Lab: could not save '${msg.name}': ${error}`);
  }
}

/** "column N: message" for an input box (1-based column, like the editor's status bar). */
function inputMessage(r: CompileResult): string | undefined {
  if (r.ok) return undefined;
  return r.error.param !== undefined ? r.error.message : `Column ${r.error.start + 1}: ${r.error.message}`;
}

async function defineCommand(): Promise<void> {
  const { compileUserActivation, inferParams, parseParamText } = loadExpressionHost();
  const expression = await vscode.window.showInputBox({
    title: 'Define Custom Activation (1/3): expression in x',
    prompt: 'Math functions, x, parameters (any new name), catalogue ids as functions, e.g. x > 0 ? x : a * (exp(x) - 1)',
    value: 'x * sigmoid(1.702 * x)',
    validateInput: (s) => inputMessage(compileUserActivation(s, inferParams(s))),
  });
  if (expression === undefined) return;
  const guessed = inferParams(expression);
  let params: Record<string, number> = {};
  if (Object.keys(guessed).length) {
    const text = await vscode.window.showInputBox({
      title: 'Define Custom Activation (2/3): parameter values',
      prompt: 'name = value, separated by commas',
      value: Object.entries(guessed).map(([k, v]) => `${k} = ${v}`).join(', '),
      validateInput: (s) => {
        try { return inputMessage(compileUserActivation(expression, parseParamText(s))); } catch (e) { return (e as Error).message; }
      },
    });
    if (text === undefined) return;
    params = parseParamText(text);
  }
  const existing = new Set(readSavedCustoms().map((c) => c.name));
  const name = await vscode.window.showInputBox({
    title: 'Define Custom Activation (3/3): name',
    prompt: 'Used in the Gradient Flow panel, the MNIST comparison, hovers and the CLI',
    validateInput: (s) => customNameProblem(s.trim()) ?? (existing.has(s.trim()) ? { message: `Replaces the saved '${s.trim()}'`, severity: vscode.InputBoxValidationSeverity.Warning } : undefined),
  });
  if (name === undefined) return;
  try {
    await saveCustomActivation({ name: name.trim(), expression, params });
    void vscode.window.showInformationMessage(`Activation Lab: saved '${name.trim()}' to activationLab.customActivations.`);
  } catch (err) {
    void vscode.window.showErrorMessage(`Activation Lab: ${(err as Error).message}`);
  }
}

/**
 * Warns once about entries of the setting that are skipped (bad name, params, ...); with
 * `compile`, also about expressions that do not compile (loads the compiler).
 */
function warnAboutProblems(compile: boolean): void {
  const raw = vscode.workspace.getConfiguration(SECTION).get<unknown>(KEY, []);
  const { problems } = compile ? loadExpressionHost().parseSavedCustoms(raw) : parseSavedShape(raw);
  if (problems.length) void vscode.window.showWarningMessage(`Activation Lab: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
}

/** Registers `activationLab.defineCustomActivation` and validation of the setting. */
export function registerCustomActivations(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(CommandId.DefineCustomActivation, defineCommand),
    vscode.workspace.onDidChangeConfiguration((e) => { if (affectsSavedCustoms(e)) warnAboutProblems(true); }),
  );
  // At activation only the cheap structural check: compiling would load mathjs.
  warnAboutProblems(false);
}
