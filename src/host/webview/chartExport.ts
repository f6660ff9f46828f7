import * as vscode from 'vscode';

/**
 * Asks where to save a chart exported by a webview and writes it. `data` is SVG text
 * or base64 PNG (see webview/shared/chart.ts `chartFile`). Errors are shown, not thrown.
 */
export async function saveChartExport(format: 'svg' | 'png', data: string, name: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, `${name}.${format}`) : undefined,
    filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
  });
  if (!target) return;
  const bytes = format === 'svg' ? Buffer.from(data, 'utf8') : Buffer.from(data, 'base64');
  try {
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`Saved chart to ${vscode.workspace.asRelativePath(target)}`);
  } catch (e) {
    void vscode.window.showErrorMessage(`Could not save chart: ${(e as Error).message}`);
  }
}
