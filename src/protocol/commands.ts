/**
 * The commands the extension contributes (package.json `contributes.commands`): one id
 * constant and one argument list per command, the checks the handlers run on arguments
 * that arrive from links and other extensions (untrusted), and the one helper that builds
 * `command:` links for Markdown. After vscode-error-lens's `CommandId` (a doc line per
 * command, link arguments typed where the link is built).
 */
import { isParamRecord, isRecord, isShortString } from '../core/guards';
import { isTrainConfig } from '../core/results/format';
import type { ActivationChoice, TrainConfig } from '../core/training/types';
import { isBackendChoice, type BackendChoice } from './mnist';

/** Every contributed command id (`activationLab.verbNoun`). */
export const CommandId = {
  /** Open (or reveal) the Activation Explorer. No arguments. */
  OpenExplorer: 'activationLab.openExplorer',
  /** Open (or reveal) the Gradient Flow panel; optional {@link ShowActivationArgs}: its chain then uses that activation. */
  OpenGradientFlow: 'activationLab.openGradientFlow',
  /** Open (or reveal) the MNIST comparison; optional {@link CompareMnistArgs}. */
  CompareMnist: 'activationLab.compareMnist',
  /** Open a results file in a results panel; optional file Uri, else a file dialog. */
  OpenResults: 'activationLab.openResults',
  /** Define a custom activation through three input boxes. No arguments. */
  DefineCustomActivation: 'activationLab.defineCustomActivation',
  /** Show one activation in the explorer (hover and side view links, hidden from the palette): {@link ShowActivationArgs}. */
  ShowActivation: 'activationLab.showActivation',
  /** Pin the side view on its activation, or let it follow the cursor again. No arguments. */
  TogglePin: 'activationLab.togglePin',
} as const;

/** A contributed command id. */
export type CommandId = (typeof CommandId)[keyof typeof CommandId];

/** `activationLab.showActivation`: a catalogue id or saved custom name, optional parameter values. */
export interface ShowActivationArgs {
  readonly id: string;
  readonly params?: Readonly<Record<string, number>>;
}

/** `activationLab.compareMnist`: open with one activation selected, or start a run at once. */
export type CompareMnistArgs =
  /** Select `activation` (a catalogue id or saved custom name) with `params` in the form (hover and side view links). */
  | { readonly activation: string; readonly params?: Readonly<Record<string, number>> }
  /** Start this run as soon as the webview is ready, as if Start was pressed (tests, other extensions). */
  | { readonly start: { readonly config: TrainConfig; readonly backend?: BackendChoice } };

/** The part of a `vscode.Uri` the command contract names (the protocol zone does not import `vscode`). */
export interface UriLike {
  readonly scheme: string;
  readonly path: string;
}

/** Arguments of each command, as the tuple `executeCommand(id, ...args)` passes them. */
export interface CommandArgs {
  readonly [CommandId.OpenExplorer]: [];
  readonly [CommandId.OpenGradientFlow]: [args?: ShowActivationArgs];
  readonly [CommandId.CompareMnist]: [args?: CompareMnistArgs];
  readonly [CommandId.OpenResults]: [uri?: UriLike];
  readonly [CommandId.DefineCustomActivation]: [];
  readonly [CommandId.ShowActivation]: [args: ShowActivationArgs | string];
  readonly [CommandId.TogglePin]: [];
}

/** The commands a hover's Markdown links to: the only ones its `isTrusted.enabledCommands` allows. */
export const LINK_COMMANDS = [CommandId.ShowActivation, CommandId.CompareMnist] as const;

/** A command a Markdown link may run. */
export type LinkCommand = (typeof LINK_COMMANDS)[number];

/**
 * A Markdown link `[label](command:<id>?<args> "label")` that runs `command` with `args`
 * (JSON array, URI-encoded: VS Code's command URI convention).
 */
export function commandLink<C extends LinkCommand>(label: string, command: C, ...args: CommandArgs[C]): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify(args))} "${label}")`;
}

/**
 * The argument of `activationLab.showActivation`: `{id, params?}` or a bare id string, the
 * id trimmed (1-200 characters) and params a record of finite numbers.
 * @returns undefined when malformed.
 */
export function parseShowArgs(x: unknown): { id: string; params?: Record<string, number> } | undefined {
  if (isShortString(x, 200) && x.trim()) return { id: x.trim() };
  if (!isRecord(x) || !isShortString(x.id, 200) || !x.id.trim()) return undefined;
  if (x.params === undefined) return { id: x.id.trim() };
  return isParamRecord(x.params) ? { id: x.id.trim(), params: { ...x.params } } : undefined;
}

/** What {@link parseCompareMnistArgs} found. */
export type CompareMnistRequest =
  | { readonly kind: 'open' }
  | { readonly kind: 'select'; readonly choice: ActivationChoice }
  | { readonly kind: 'start'; readonly config: TrainConfig; readonly backend: BackendChoice };

/** A catalogue id, alias or saved custom name as a link may carry it. */
const ACTIVATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * The argument of `activationLab.compareMnist`: none or `{}` (`open`), `{ activation, params? }`
 * (`select`), or `{ start: { config, backend? } }` (`start`, backend `auto` by default).
 * @returns undefined when malformed (a wrong shape, an id that is not a name, non-finite
 *   parameters, a config outside the ranges of `isTrainConfig`).
 */
export function parseCompareMnistArgs(x: unknown): CompareMnistRequest | undefined {
  if (x === undefined || x === null) return { kind: 'open' };
  if (!isRecord(x)) return undefined;
  if (x.start !== undefined) {
    const s = x.start;
    if (!isRecord(s) || !isTrainConfig(s.config)) return undefined;
    const backend = s.backend ?? 'auto';
    return isBackendChoice(backend) ? { kind: 'start', config: s.config, backend } : undefined;
  }
  if (x.activation === undefined) return { kind: 'open' };
  if (typeof x.activation !== 'string' || !ACTIVATION_NAME.test(x.activation)) return undefined;
  const params = x.params ?? {};
  return isParamRecord(params) ? { kind: 'select', choice: { activation: x.activation, params: { ...params } } } : undefined;
}
