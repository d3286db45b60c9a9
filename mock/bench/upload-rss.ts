import { readFile, writeFile } from 'node:fs/promises';
import { DEMO_IDS } from '../src/demo-data.js';
import { startMockCli } from './children.js';
import { type Figure, measured, withTarget } from './figures.js';
import { call, createAgents, fetchToken, postJson } from './http-client.js';

const MB = 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x5a);

/** Resident set size of a process, in bytes, from /proc (`VmRSS` now, or `VmHWM`: its peak). */
async function residentBytes(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  return Number(kb) * 1024;
}

/** Resets the kernel's peak-RSS counter of a process; false where the kernel does not allow it. */
async function resetPeak(pid: number): Promise<boolean> {
  return writeFile(`/proc/${pid}/clear_refs`, '5').then(
    () => true,
    () => false,
  );
}

/**
 * RSS growth of the built CLI while one 25 MB upload streams through its https object store: VmRSS
 * just before the PUT against the highest of VmRSS sampled every 2 ms and the kernel's peak (VmHWM,
 * reset before the PUT). One small upload first loads the TLS and upload code paths.
 */
export async function benchUploadRss(stateDir: string): Promise<Figure[]> {
  const server = await startMockCli(stateDir);
  const { caCertPath } = JSON.parse(server.readyLine) as { caCertPath: string };
  const agents = createAgents(await readFile(caCertPath, 'utf8'));
  try {
    const token = await fetchToken(server.baseUrl, agents);
    const upload = async (bytes: number) => {
      const presign = await postJson(
        `${server.baseUrl}/api/external/file/get-presigned-url`,
        token,
        { customer_id: DEMO_IDS.individual, file_category: 'identity' },
        agents,
      );
      const put = await call(
        String(presign.json.url),
        {
          method: 'PUT',
          headers: { 'content-type': 'application/pdf', 'content-length': String(bytes) },
          body: async (write) => {
            for (let sent = 0; sent < bytes; sent += CHUNK.length)
              await write(CHUNK.subarray(0, Math.min(CHUNK.length, bytes - sent)));
          },
        },
        agents,
      );
      if (put.status !== 200) throw new Error(`PUT of ${bytes} bytes: ${put.status} ${put.text}`);
    };
    await upload(MB);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const baseline = await residentBytes(server.pid, 'VmRSS');
    const peakReset = await resetPeak(server.pid);
    let sampled = baseline;
    const sampler = setInterval(() => {
      residentBytes(server.pid, 'VmRSS').then(
        (rss) => {
          sampled = Math.max(sampled, rss);
        },
        () => undefined,
      );
    }, 2);
    const began = performance.now();
    await upload(25 * MB);
    const seconds = (performance.now() - began) / 1000;
    clearInterval(sampler);
    const peak = Math.max(sampled, peakReset ? await residentBytes(server.pid, 'VmHWM') : 0);
    return [
      measured('25 MB upload: server RSS before', baseline / MB, 'MB'),
      withTarget(measured('25 MB upload: server RSS growth', (peak - baseline) / MB, 'MB'), { max: 16 }),
      measured('25 MB upload: time over https', seconds * 1000, 'ms'),
    ];
  } finally {
    agents.http.destroy();
    agents.https.destroy();
    await server.stop();
  }
}
