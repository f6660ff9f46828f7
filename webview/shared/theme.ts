/** Colours of the current VS Code theme, read from the `--vscode-*` CSS variables. */
export interface ThemeColors {
  readonly foreground: string;
  readonly muted: string;
  readonly background: string;
  readonly grid: string;
  readonly font: string;
  /** Series palette from `--vscode-charts-*`; distinct in light, dark and high contrast. */
  readonly series: readonly string[];
}

function cssVar(name: string, fallback: string): string {
  const v = getComputedStyle(document.body).getPropertyValue(name).trim();
  return v || fallback;
}

/** Reads the theme now (call again after a theme change). */
export function readTheme(): ThemeColors {
  const fg = cssVar('--vscode-editor-foreground', cssVar('--vscode-foreground', '#333'));
  return {
    foreground: fg,
    muted: cssVar('--vscode-descriptionForeground', fg),
    background: cssVar('--vscode-editor-background', '#fff'),
    grid: cssVar('--vscode-charts-lines', 'rgba(128,128,128,0.35)'),
    font: cssVar('--vscode-font-family', 'sans-serif'),
    series: [
      cssVar('--vscode-charts-blue', '#1a85ff'),
      cssVar('--vscode-charts-orange', '#d18616'),
      cssVar('--vscode-charts-green', '#388a34'),
      cssVar('--vscode-charts-purple', '#652d90'),
      cssVar('--vscode-charts-red', '#e51400'),
      cssVar('--vscode-charts-yellow', '#bf8803'),
      cssVar('--vscode-terminal-ansiCyan', '#0598bc'),
      cssVar('--vscode-terminal-ansiMagenta', '#bc05bc'),
    ],
  };
}

/** Calls `onChange` whenever VS Code switches the body's theme class (light/dark/HC). */
export function onThemeChange(onChange: () => void): void {
  new MutationObserver(onChange).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
