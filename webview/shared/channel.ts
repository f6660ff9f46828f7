/**
 * The page's end of the host-webview channel (src/protocol/channel.ts): what the host posts
 * is checked against the page's table and dispatched to its handlers; a rejected message is
 * logged with `console.warn` and dropped. `post` sends to the host (which checks again).
 */
import { Channel, type Checks, type Handlers, type Message } from '../../src/protocol/channel';
import type { WebviewToHost } from '../../src/protocol/shared';
import { vscodeApi } from './vscodeApi';

/**
 * Listens for the host's messages. Call once per page, then post `webview/ready`.
 * @param name names the page in log lines, e.g. `explorer`.
 */
export function connectToHost<In extends Message, Out extends Message>(
  name: string, checks: Checks<In>, handlers: Handlers<In>,
): Channel<In, Out | WebviewToHost> {
  const api = vscodeApi<unknown>();
  const channel = new Channel<In, Out | WebviewToHost>({
    name: `${name} page`,
    checks,
    handlers,
    post: (m) => api.postMessage(m),
    log: (line) => console.warn(`Activation Lab: ${line}`),
  });
  window.addEventListener('message', (e: MessageEvent) => channel.receive(e.data));
  return channel;
}
