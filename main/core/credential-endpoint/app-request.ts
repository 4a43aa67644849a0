// One request from the CLI to the running app's credential endpoint on 127.0.0.1: a grant
// (`export --server`) or the end of one (`stop`). The answer's body is read up to 4 KiB: it is a
// proof or an error, never more.
import { request } from 'node:http';
import { LOOPBACK } from './endpoint';

/** How long the app has to answer (a grant includes its keychain write). */
const APP_TIMEOUT_MS = 5_000;

export interface AppAnswer {
  status: number;
  body: string;
}

/** Rejects when nothing answers on the port, or not in time. */
export function askApp(port: number, ask: { method: 'POST' | 'DELETE'; path: string; headers: Record<string, string> }): Promise<AppAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: LOOPBACK, port, ...ask, timeout: APP_TIMEOUT_MS }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk.slice(0, 4096)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('the endpoint did not answer in time')));
    req.on('error', reject);
    req.end();
  });
}
