/**
 * Running our own commands from host code with arguments the compiler checks against the
 * contract in src/protocol/commands.ts (a handler still checks them again at run time).
 */
import * as vscode from 'vscode';
import type { CommandArgs, CommandId } from '../protocol/commands';

/** `vscode.commands.executeCommand(id, ...args)` with `args` typed by {@link CommandArgs}. */
export function runCommand<C extends CommandId>(id: C, ...args: CommandArgs[C]): Thenable<unknown> {
  return vscode.commands.executeCommand(id, ...args);
}
