/** A batch worker thread: one emulator, samples in, output spike counts out (see batch.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { isSpikeforgeError } from '../errors.ts';
import type { WorkerData, WorkerReply, WorkerTask } from './batch.ts';
import { countSample, makeSampleRunner } from './batch.ts';

const data = workerData as WorkerData;
const runner = makeSampleRunner(data.config, data.outputLayer, data.steps);

parentPort!.on('message', (task: WorkerTask) => {
  let reply: WorkerReply;
  try {
    const r = countSample(runner, task.events);
    reply = { index: task.index, counts: r.counts, spikes: r.spikes };
  } catch (e) {
    reply = {
      index: task.index,
      error: {
        code: isSpikeforgeError(e) ? e.code : 'INTERNAL',
        message: (e as Error).message ?? String(e),
        hint: isSpikeforgeError(e) ? e.hint : undefined,
      },
    };
  }
  parentPort!.postMessage(reply);
});
