import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { TopLevelSpec } from 'vega-lite';
import { readTheme, type ThemeColors } from './theme';

/** vega-lite `config` that makes a chart follow the VS Code theme. */
function themeConfig(t: ThemeColors): Record<string, unknown> {
  return {
    background: 'transparent',
    font: t.font,
    view: { stroke: t.grid },
    range: { category: [...t.series] },
    axis: {
      domainColor: t.muted,
      gridColor: t.grid,
      tickColor: t.muted,
      labelColor: t.foreground,
      titleColor: t.foreground,
    },
    legend: { labelColor: t.foreground, titleColor: t.foreground },
    title: { color: t.foreground, subtitleColor: t.muted },
    header: { labelColor: t.foreground, titleColor: t.foreground },
    text: { color: t.foreground },
  };
}

/**
 * Renders a vega-lite spec into `el` as SVG, themed, without `eval`/`Function`
 * (vega-interpreter, so the page's CSP needs no `unsafe-eval`). Finalizes the previous
 * view on the same element. Returns the embed result (its `view` exports SVG/PNG).
 */
export async function renderChart(el: HTMLElement, spec: TopLevelSpec, previous?: Result): Promise<Result> {
  previous?.finalize();
  const themed = { ...spec, config: { ...themeConfig(readTheme()), ...((spec as { config?: object }).config ?? {}) } };
  return embed(el, themed, {
    ast: true,
    expr: expressionInterpreter,
    actions: false,
    renderer: 'svg',
    tooltip: true,
  });
}

/**
 * The chart as a file body: SVG text, or PNG as base64 (2x scale). Webviews cannot
 * download, so the panel posts this to the host, which asks where to save it.
 */
export async function chartFile(view: Result['view'], format: 'svg' | 'png'): Promise<{ format: 'svg' | 'png'; data: string }> {
  if (format === 'svg') return { format, data: await view.toSVG() };
  const url = await view.toImageURL('png', 2);
  return { format, data: url.slice(url.indexOf(',') + 1) };
}
