import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './children.js';

const AUTOCANNON = join(ROOT, 'node_modules/autocannon/autocannon.js');

/** What one autocannon run measured. */
export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  non2xx: number;
  errors: number;
}

/** A load to send: one request repeated on `connections` keep-alive connections for `seconds`. */
export interface LoadSpec {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
  connections: number;
  seconds: number;
  /** Send exactly this many requests instead of loading for `seconds`. */
  amount?: number;
}

interface AutocannonJson {
  duration: number;
  errors: number;
  non2xx: number;
  latency: { p50: number; p99: number };
  requests: { total: number };
}

/**
 * Runs autocannon in its own process (its CLI with `--json`), so the load generator never shares an
 * event loop with the bench or with the server it measures.
 */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const args = [AUTOCANNON, '--json', '-c', String(spec.connections)];
  if (spec.amount === undefined) args.push('-d', String(spec.seconds));
  else args.push('-a', String(spec.amount));
  args.push('-m', spec.method);
  for (const [name, value] of Object.entries(spec.headers)) args.push('-H', `${name}=${value}`);
  if (spec.body !== undefined) args.push('-b', spec.body);
  args.push(spec.url);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2_000);
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${stderr}`));
      const result = JSON.parse(stdout) as AutocannonJson;
      const ok = result.requests.total - result.non2xx;
      resolve({
        requestsPerSecond: ok / result.duration,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        total: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors,
      });
    });
  });
}
