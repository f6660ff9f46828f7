/**
 * The webviews of the extension and how a user opens each one. Shared by the suite inside
 * the extension host (suite/*.test.ts) and the Playwright UI tests (ui/*.test.ts), so both
 * loop over the same list. Pure data: no `vscode` import.
 */

/** One webview panel or view. */
export interface PanelCase {
  /** Name passed to `testHooks.markReady` by the panel (src/host/testHooks.ts). */
  readonly name: 'explorer' | 'gradient' | 'mnist' | 'results' | 'sideView';
  /** Command that opens it (`<view id>.focus` for the side view). */
  readonly command: string;
  /** Command palette text that runs it, without the leading `>`. */
  readonly paletteTitle: string;
  /** Bundle name: the webview loads `out/webview/<entry>.js`. */
  readonly entry: string;
  /**
   * Playwright selector, inside the webview's frame, of what the panel shows once it has
   * drawn (a chart, the form): screenshots wait for it.
   */
  readonly drawn: string;
}

/** Every webview, in the order a newcomer meets them. */
export const PANELS: readonly PanelCase[] = [
  { name: 'explorer', command: 'activationLab.openExplorer', paletteTitle: 'Activation Lab: Open Activation Explorer', entry: 'explorer', drawn: '#chart svg' },
  { name: 'gradient', command: 'activationLab.openGradientFlow', paletteTitle: 'Activation Lab: Open Gradient Flow', entry: 'gradient', drawn: '#gradient-magnitude svg' },
  { name: 'mnist', command: 'activationLab.compareMnist', paletteTitle: 'Activation Lab: Compare Activations on MNIST', entry: 'mnist', drawn: 'form.settings #f-epochs' },
  { name: 'results', command: 'activationLab.openResults', paletteTitle: 'Activation Lab: Open Results', entry: 'results', drawn: 'body[data-rendered] .chart svg' },
  { name: 'sideView', command: 'activationLab.sideView.focus', paletteTitle: 'Activation Lab: Focus on Activation at Cursor View', entry: 'side', drawn: '.empty:visible, .activation .chart svg:visible' },
];

/**
 * A run small enough for a software GPU or wasm in a test (about 5-60 s): one activation,
 * one epoch, 1,024 training and 512 test digits from the bundled set. Shape of
 * `TrainConfig` (src/core/training/types.ts).
 */
export const SHORT_MNIST_CONFIG = {
  dataset: 'bundled',
  epochs: 1,
  batchSize: 128,
  trainSamples: 1024,
  testSamples: 512,
  learningRate: 0.001,
  clipValue: 0.5,
  loss: 'categorical_crossentropy',
  seed: 1,
  activations: [{ activation: 'relu', params: {} }],
} as const;
