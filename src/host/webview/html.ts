import { randomBytes } from 'node:crypto';

/** Inputs of {@link buildWebviewHtml}; all URIs already converted with `asWebviewUri`. */
export interface WebviewHtmlOptions {
  /** `webview.cspSource`, e.g. `https://*.vscode-cdn.net`. */
  readonly cspSource: string;
  /** Base64 nonce from {@link makeNonce}. */
  readonly nonce: string;
  readonly title: string;
  readonly scriptUri: string;
  readonly styleUris: readonly string[];
  /** Adds `'wasm-unsafe-eval'` to script-src: only for the panel that runs tfjs on wasm. */
  readonly allowWasm?: boolean;
  /** Allows Web Workers from Blob URLs the page made (`worker-src blob:`, `connect-src blob:`): only for the training panel. */
  readonly allowWorkers?: boolean;
  /** JSON-serialisable data handed to the page before its script runs (read by id). */
  readonly initialData?: unknown;
}

/**
 * Content-Security-Policy for a webview: nothing by default; scripts only with the nonce;
 * styles, images and fonts only from the extension (`cspSource`); never `unsafe-eval`.
 * Inline styles are allowed because vega-embed and KaTeX set `style` attributes.
 * `allowWorkers`: Web Workers only from `blob:` URLs (a webview cannot start one from its
 * resource URLs; the page makes the Blob from the extension's own bundle), and `connect-src
 * blob:` so the workers can fetch the wasm binaries' Blob URLs. Workers inherit this policy.
 */
export function buildCsp(cspSource: string, nonce: string, allowWasm = false, allowWorkers = false): string {
  const script = [`'nonce-${nonce}'`, ...(allowWasm ? [`'wasm-unsafe-eval'`] : [])].join(' ');
  return [
    `default-src 'none'`,
    `script-src ${script}`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource}`,
    `connect-src ${cspSource}${allowWorkers ? ' blob:' : ''}`,
    ...(allowWorkers ? ['worker-src blob:'] : []),
  ].join('; ');
}

/** 128 random bits, base64: the nonce for one page load (never `Math.random`). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Escapes JSON for a `<script type="application/json">` block (no `</script>` breakout). */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The whole HTML document of a webview panel or view. Pure: unit-tested. */
export function buildWebviewHtml(o: WebviewHtmlOptions): string {
  const csp = buildCsp(o.cspSource, o.nonce, o.allowWasm ?? false, o.allowWorkers ?? false);
  const styles = o.styleUris.map((u) => `<link rel="stylesheet" href="${escapeHtml(u)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(o.title)}</title>
${styles}
</head>
<body>
<main id="app"></main>
<script nonce="${o.nonce}" id="initial-data" type="application/json">${jsonForScript(o.initialData)}</script>
<script nonce="${o.nonce}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>`;
}
