import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { SimulatorOptions } from '../sandbox/sim/server';

export type SimHandle = {
  readonly url: string;
  admin<T>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
};

export async function startSimWorker(options: SimulatorOptions): Promise<SimHandle> {
  const worker = new Worker(fileURLToPath(new URL('./simWorker.mjs', import.meta.url)), {
    workerData: options,
  });
  const url = await new Promise<string>((resolve, reject) => {
    worker.once('message', (m: { url: string }) => resolve(m.url));
    worker.once('error', reject);
  });
  return {
    url,
    async admin<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(url + path, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    close: async () => {
      worker.postMessage('close');
      await new Promise((r) => worker.once('exit', r));
    },
  };
}
