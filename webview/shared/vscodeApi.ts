/** Typed access to the VS Code webview API (or a stand-in injected by browser tests). */
export interface VsCodeApi<S> {
  postMessage(message: unknown): void;
  getState(): S | undefined;
  setState(state: S): void;
}

declare function acquireVsCodeApi<S>(): VsCodeApi<S>;

let api: VsCodeApi<unknown> | undefined;

/** The API object; `acquireVsCodeApi` may only be called once per page, so it is cached. */
export function vscodeApi<S>(): VsCodeApi<S> {
  api ??= acquireVsCodeApi<unknown>();
  return api as VsCodeApi<S>;
}

/** Data the host put in `<script id="initial-data" type="application/json">`. */
export function initialData<T>(): T & { baseUri: string } {
  const el = document.getElementById('initial-data');
  return JSON.parse(el?.textContent || '{}') as T & { baseUri: string };
}
