// One request from the CLI to the running app's credential endpoint on 127.0.0.1: a grant
// (`export --server`) or the end of one (`stop`).
import { request } from 'node:http';
import { LOOPBACK } from './endpoint';

/** How long the app has to answer a grant, its keychain write included. */
export const GRANT_DEADLINE_MS = 5_000;
/** The most of an answer that is read: a proof or an error, never more. */
const MAX_BODY = 4096;

export interface AppAnswer {
  status: number;
  body: string;
}

/**
 * Rejects when nothing answers on the port, or the whole answer has not come by `deadlineMs`: a
 * deadline, not an idle timeout, so a hung app or a program trickling bytes cannot hold the caller.
 */
export function askApp(port: number, ask: { method: 'POST' | 'DELETE'; path: string; headers: Record<string, string> }, deadlineMs: number): Promise<AppAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: LOOPBACK, port, ...ask }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk.slice(0, MAX_BODY - body.length)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    const deadline = setTimeout(() => req.destroy(new Error('the endpoint did not answer in time')), deadlineMs);
    req.on('close', () => clearTimeout(deadline));
    req.on('error', reject);
    req.end();
  });
}
