import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCsp, buildWebviewHtml, jsonForScript, makeNonce } from '../../../src/host/webview/html';

test('CSP: nothing by default, nonce scripts, no unsafe-eval', () => {
  const csp = buildCsp('https://x.vscode-cdn.net', 'abc123');
  assert.match(csp, /^default-src 'none'; /);
  assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-eval/);
  assert.doesNotMatch(csp, /\*(?!\.vscode-cdn)/, 'no wildcard sources beyond cspSource');
  assert.match(csp, /img-src https:\/\/x\.vscode-cdn\.net data: blob:/);
});

test('CSP: Web Workers only from blob: URLs, and only when asked', () => {
  const plain = buildCsp('https://x.vscode-cdn.net', 'n', true);
  assert.doesNotMatch(plain, /worker-src/);
  assert.match(plain, /connect-src https:\/\/x\.vscode-cdn\.net(;|$)/);
  const training = buildCsp('https://x.vscode-cdn.net', 'n', true, true);
  assert.match(training, /(^|; )worker-src blob:(;|$)/);
  assert.match(training, /connect-src https:\/\/x\.vscode-cdn\.net blob:(;|$)/);
  assert.match(training, /script-src 'nonce-n' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(training, /'unsafe-eval'|worker-src[^;]*(https?:|\*|data:)/);
});

test("CSP: 'wasm-unsafe-eval' only when asked", () => {
  assert.doesNotMatch(buildCsp('s', 'n'), /wasm-unsafe-eval/);
  assert.match(buildCsp('s', 'n', true), /script-src 'nonce-n' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(buildCsp('s', 'n', true), /'unsafe-eval'/);
});

test('nonce: 128 random bits, different each time', () => {
  const a = makeNonce();
  assert.equal(Buffer.from(a, 'base64').length, 16);
  assert.notEqual(a, makeNonce());
});

test('html: every script tag carries the nonce; initial data cannot close the script', () => {
  const html = buildWebviewHtml({
    cspSource: 'src', nonce: 'N0', title: '<T>', scriptUri: 'u.js', styleUris: ['a.css'],
    initialData: { evil: '</script><script>alert(1)</script>' },
  });
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  assert.equal(scripts.length, 2);
  for (const s of scripts) assert.match(s, /nonce="N0"/);
  assert.doesNotMatch(html, /<\/script><script>alert/);
  assert.match(html, /<title>&#60;T&#62;<\/title>/);
  assert.deepEqual(JSON.parse(jsonForScript({ a: '</script>' })), { a: '</script>' });
});
