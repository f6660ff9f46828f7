/**
 * Activation Explorer: spec build (sampling f and f' + kink search + vega-lite spec) in
 * Node, and the update latency a user feels in headless Chromium: slider input -> chart
 * redrawn (dataset swap), and x-range edit -> chart re-embedded. Needs `node esbuild.mjs`.
 */
import { getActivation, resolveParams } from '../src/core/activations/catalogue';
import { buildExplorerSpec } from '../src/core/charts/explorerSpec';
import { openWebview } from '../test/browser/harness';
import type { BenchRow } from './run';

const POINTS = 1000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function specBuildMs(ids: readonly string[], runs: number): number {
  const curves = ids.map((id) => { const def = getActivation(id)!; return { def, params: resolveParams(def, {}) }; });
  const t: number[] = [];
  for (let i = 0; i < runs + 5; i++) {
    const t0 = performance.now();
    buildExplorerSpec(curves, { range: { min: -6, max: 6 }, samples: POINTS });
    if (i >= 5) t.push(performance.now() - t0);
  }
  return median(t);
}

/** In the page: median ms from an input event to the chart's next finished render. */
async function pageLatency(w: Awaited<ReturnType<typeof openWebview>>, selector: string, values: readonly string[]): Promise<number> {
  return w.page.evaluate(async ({ selector, values }) => {
    const chart = document.getElementById('chart')!;
    const input = document.querySelector(selector) as HTMLInputElement;
    const times: number[] = [];
    for (const v of values) {
      const n = Number(chart.dataset.renders);
      const done = new Promise<void>((resolve) => {
        const mo = new MutationObserver(() => { if (Number(chart.dataset.renders) > n) { mo.disconnect(); resolve(); } });
        mo.observe(chart, { attributes: true, attributeFilter: ['data-renders'] });
      });
      const t0 = performance.now();
      input.value = v;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await done;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)]!;
  }, { selector, values: [...values] });
}

/** CPU seconds used so far by the page's renderer processes (robust on a busy machine). */
async function rendererCpu(w: Awaited<ReturnType<typeof openWebview>>): Promise<number> {
  const cdp = await w.browser.newBrowserCDPSession();
  const r = await cdp.send('SystemInfo.getProcessInfo') as { processInfo: Array<{ type: string; cpuTime: number }> };
  await cdp.detach();
  return r.processInfo.filter((p) => p.type === 'renderer').reduce((a, p) => a + p.cpuTime, 0);
}

/** The bench rows (see bench/run.ts). */
export async function bench(): Promise<BenchRow[]> {
  const one = specBuildMs(['leaky_relu'], 50);
  const three = specBuildMs(['relu', 'gelu', 'swish'], 30);
  const w = await openWebview({
    entry: 'explorer',
    initialData: { settings: { samples: POINTS, defaultRange: [-6, 6], defaultActivations: ['leaky_relu', 'elu', 'gelu'] } },
  });
  try {
    await w.waitForPosted('webview/ready');
    await w.page.waitForSelector('#chart svg g.mark-line path');
    const sliderValues = Array.from({ length: 31 }, (_, i) => (0.05 + 0.03 * i).toFixed(2));
    const elu = await pageLatency(w, '#p-elu-alpha', sliderValues.map((v) => String(Number(v) * 2)));
    const cpu0 = await rendererCpu(w);
    const slider = await pageLatency(w, '#p-leaky_relu-alpha', sliderValues);
    const sliderCpu = ((await rendererCpu(w)) - cpu0) * 1000 / sliderValues.length;
    const rangeValues = Array.from({ length: 11 }, (_, i) => String(6 - 0.1 * (i % 2) - 0.01 * i));
    const reembed = await pageLatency(w, '#x-max', rangeValues);
    if (w.errors.length) throw new Error(`page errors: ${w.errors.join('; ')}`);
    return [
      { name: `explorer: spec build, 1 activation x ${POINTS} points (Node)`, value: one, unit: 'ms', note: 'median of 50' },
      { name: `explorer: spec build, 3 activations x ${POINTS} points (Node)`, value: three, unit: 'ms', note: 'median of 30' },
      { name: `explorer: Leaky ReLU slider -> redrawn, 3+ curves x ${POINTS} points`, value: slider, unit: 'ms', note: 'median of 31; incl. 1 animation frame' },
      { name: `explorer: ELU alpha slider -> redrawn (smooth curve, Chromium)`, value: elu, unit: 'ms', note: 'median of 31' },
      { name: `explorer: Leaky ReLU slider, renderer CPU time per update`, value: sliderCpu, unit: 'ms', note: 'mean of 31' },
      { name: `explorer: x-range edit -> chart re-embedded (Chromium)`, value: reembed, unit: 'ms', note: 'median of 11' },
      { name: 'explorer: re-embed / dataset swap', value: reembed / slider, unit: 'x', note: 'same run' },
    ];
  } finally {
    await w.close();
  }
}
