/**
 * Runs the CMA simulator in a worker thread, so the bench's heap numbers are the engine's alone
 * and the simulator's work does not share the engine's event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startSimulator, type SimulatorOptions } from '../sandbox/sim/server';

const sim = await startSimulator({ ...(workerData as SimulatorOptions), port: 0, quiet: true });
parentPort?.postMessage({ url: sim.url });
parentPort?.on('message', (message: unknown) => {
  if (message === 'close') void sim.close().then(() => process.exit(0));
});
