/**
 * What the MNIST page gives its training Web Workers, all as Blob URLs it made itself: the
 * worker bundle (a webview can start workers only from `blob:`/`data:` URLs) and the tfjs
 * wasm binaries (a worker's own fetch of an extension URL bypasses the webview's service
 * worker and fails in desktop VS Code). The binaries' Blobs carry type `application/wasm`,
 * which `WebAssembly.instantiateStreaming` requires.
 */

/** The tfjs-backend-wasm 4.22 binaries (`setWasmPaths` accepts a map of these names). */
export const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'] as const;

/** The worker bundle beside the panel's bundle (esbuild.mjs `mnistWorker`). */
export const WORKER_BUNDLE = 'mnistWorker.js';

/** Blob URLs for the workers; `revoke` frees them. */
export interface WorkerAssets {
  readonly script: string;
  /** File name in {@link WASM_FILES} -> Blob URL (the `worker/init` options). */
  readonly wasm: Readonly<Record<string, string>>;
  revoke(): void;
}

let loaded: Promise<WorkerAssets> | undefined;

async function blobUrl(url: string, type: string): Promise<string> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url.split('/').pop()}: HTTP ${r.status}`);
  return URL.createObjectURL(new Blob([await r.arrayBuffer()], { type }));
}

/**
 * Fetches the worker bundle and the wasm binaries from `<baseUri>` once per page and makes
 * their Blob URLs (kept for later comparisons).
 * @throws Error naming the file when a fetch fails (the next call tries again).
 */
export function workerAssets(baseUri: string): Promise<WorkerAssets> {
  loaded ??= (async () => {
    const made: string[] = [];
    try {
      const script = await blobUrl(`${baseUri}${WORKER_BUNDLE}`, 'text/javascript');
      made.push(script);
      const wasm: Record<string, string> = {};
      for (const f of WASM_FILES) made.push((wasm[f] = await blobUrl(`${baseUri}wasm/${f}`, 'application/wasm')));
      return { script, wasm, revoke: () => made.forEach((u) => URL.revokeObjectURL(u)) };
    } catch (e) {
      made.forEach((u) => URL.revokeObjectURL(u));
      throw e;
    }
  })();
  loaded.catch(() => (loaded = undefined));
  return loaded;
}
