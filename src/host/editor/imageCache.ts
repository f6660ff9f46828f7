/**
 * Cache of hover plot images (SVG data URIs) keyed by (activation id, parameters, x-range,
 * theme), so a warm hover answers without rendering (target < 30 ms, `npm run bench`).
 * Least-recently-used eviction; concurrent misses for one key share one render.
 */
import type { Params } from '../../core/activations/types';

/** Default number of images kept (each ~12 KB of SVG, ~16 KB as base64). */
const IMAGE_CACHE_SIZE = 64;

/** `data:image/svg+xml;base64,...` for SVG text (hovers drop inline `<svg>`, keep images). */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/** The cache key: parameters sorted by name so `{a, b}` and `{b, a}` share an image. */
export function imageKey(id: string, params: Params, s: { xMin: number; xMax: number; theme: string }): string {
  const p = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join(',');
  return `${id}|${p}|${s.xMin}|${s.xMax}|${s.theme}`;
}

/** LRU map from {@link imageKey} to a data-URI promise. */
export class HoverImageCache {
  private readonly entries = new Map<string, Promise<string>>();

  constructor(private readonly capacity = IMAGE_CACHE_SIZE) {}

  /**
   * The image for this key, rendering it with `svg()` on a miss. A failed render is not
   * cached (the next hover retries) and its error is re-thrown.
   */
  get(id: string, params: Params, s: { xMin: number; xMax: number; theme: string }, svg: () => Promise<string>): Promise<string> {
    const key = imageKey(id, params, s);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const p = svg().then(svgDataUri);
    p.catch(() => {
      if (this.entries.get(key) === p) this.entries.delete(key);
    });
    this.entries.set(key, p);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return p;
  }

  /** Number of cached (or pending) images. */
  get size(): number {
    return this.entries.size;
  }

  /** Drops every image (e.g. after a colour-theme change). */
  clear(): void {
    this.entries.clear();
  }
}
