import { readFile, writeFile } from 'node:fs/promises';
import { DEMO_IDS } from '../src/demo-data.js';
import { startMockCli } from './children.js';
import { type Figure, measured, withTarget } from './figures.js';
import { call, createAgents, fetchToken, postJson } from './http-client.js';
import { residentBytes } from './proc-cpu.js';

const MB = 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x5a);

/** Resets the kernel's peak-RSS counter of a process; false where the kernel does not allow it. */
async function resetPeak(pid: number): Promise<boolean> {
  return writeFile(`/proc/${pid}/clear_refs`, '5').then(
    () => true,
    () => false,
  );
}

/** Samples a process's RSS every 2 ms (and the kernel's peak, when it can be reset) while `work` runs. */
async function peakDuring(
  pid: number,
  work: () => Promise<void>,
): Promise<{ baseline: number; peak: number; ms: number }> {
  const baseline = await residentBytes(pid, 'VmRSS');
  const peakReset = await resetPeak(pid);
  let sampled = baseline;
  const sampler = setInterval(() => {
    residentBytes(pid, 'VmRSS').then(
      (rss) => {
        sampled = Math.max(sampled, rss);
      },
      () => undefined,
    );
  }, 2);
  const began = performance.now();
  await work();
  const ms = performance.now() - began;
  clearInterval(sampler);
  const peak = Math.max(sampled, peakReset ? await residentBytes(pid, 'VmHWM') : 0);
  return { baseline, peak, ms };
}

/** RSS of a fresh built CLI before and at its peak while `concurrency` 25 MB uploads stream in at once. */
async function uploadsRss(stateDir: string, concurrency: number) {
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
    // Small uploads first, as many at once, so TLS sessions and the upload code paths are loaded.
    await Promise.all(Array.from({ length: concurrency }, () => upload(MB)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    return await peakDuring(server.pid, async () => {
      await Promise.all(Array.from({ length: concurrency }, () => upload(25 * MB)));
    });
  } finally {
    agents.http.destroy();
    agents.https.destroy();
    await server.stop();
  }
}

/**
 * RSS growth of the built CLI while one, then (in another fresh process) ten concurrent 25 MB uploads
 * stream through its https object store: VmRSS just before against the highest of VmRSS sampled every
 * 2 ms and the kernel's peak (VmHWM, reset before). The CLI runs with no V8 flag and no forced GC: the
 * growth is the streaming's buffers plus the garbage V8 has not yet collected.
 */
export async function benchUploadRss(stateDir: string): Promise<Figure[]> {
  const one = await uploadsRss(stateDir, 1);
  const ten = await uploadsRss(stateDir, 10);
  return [
    measured('25 MB upload: server RSS before', one.baseline / MB, 'MB'),
    measured('25 MB upload: server RSS growth', (one.peak - one.baseline) / MB, 'MB'),
    measured('25 MB upload: time over https', one.ms, 'ms'),
    measured('10 concurrent 25 MB uploads: server RSS before', ten.baseline / MB, 'MB'),
    withTarget(measured('10 concurrent 25 MB uploads: RSS growth', (ten.peak - ten.baseline) / MB, 'MB'), {
      max: 64,
    }),
    measured('10 concurrent 25 MB uploads: time over https', ten.ms, 'ms'),
  ];
}
