import katex from 'katex';
import 'katex/dist/katex.min.css';

/** Renders KaTeX source into `el`; a parse error is shown in place, never thrown. */
export function renderMath(el: HTMLElement, tex: string, displayMode = true): void {
  katex.render(tex, el, { displayMode, throwOnError: false, output: 'htmlAndMathml', strict: 'ignore' });
}
