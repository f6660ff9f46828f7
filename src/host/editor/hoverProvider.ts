/**
 * The activation hover for TypeScript/JavaScript (tfjs) and Python (PyTorch, Keras):
 * wraps the pure hoverContent.ts in a vscode.Hover whose Markdown trusts only our own
 * command ids. Region scans are cached per document version; plot images per
 * (id, params, range, theme).
 */
import * as vscode from 'vscode';
import { languageFamily } from '../../core/recognise/lexical';
import { LINK_COMMANDS } from '../../protocol/commands';
import { buildHoverContent, type HoverSettings, type SvgRenderer } from './hoverContent';
import { HoverImageCache } from './imageCache';
import { type RegionCache } from './regionCache';
import type { CompanionSettings } from './companionSettings';
import { savedActivations } from '../customActivations';

/** Light or dark plot colours for the current colour theme. */
function themeKind(): 'light' | 'dark' {
  const k = vscode.window.activeColorTheme.kind;
  return k === vscode.ColorThemeKind.Light || k === vscode.ColorThemeKind.HighContrastLight ? 'light' : 'dark';
}

/** Hover provider; `settings` is read on every hover so changes apply at once. */
export class ActivationHoverProvider implements vscode.HoverProvider {
  readonly images = new HoverImageCache();

  constructor(
    private readonly settings: () => CompanionSettings,
    private readonly renderer: () => Promise<SvgRenderer>,
    private readonly regions: RegionCache,
  ) {}

  /** The hover at `pos`, or undefined (language switched off, nothing recognised, cancelled). */
  async provideHover(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const c = this.settings();
    const family = languageFamily(doc.languageId);
    if (!family || c.hoverLanguages[doc.languageId] === false) return undefined;
    const text = doc.getText();
    const regions = this.regions.get(doc.uri.toString(), doc.version, text, family);
    const s: HoverSettings = { strictness: c.strictness, xMin: c.xMin, xMax: c.xMax, theme: themeKind() };
    const content = await buildHoverContent(text, doc.offsetAt(pos), family, s, this.renderer, this.images, regions, savedActivations());
    if (!content || token.isCancellationRequested) return undefined;
    const md = new vscode.MarkdownString(content.markdown);
    md.isTrusted = { enabledCommands: [...LINK_COMMANDS] };
    return new vscode.Hover(md, new vscode.Range(doc.positionAt(content.start), doc.positionAt(content.end)));
  }
}
