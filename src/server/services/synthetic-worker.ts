// A thread generating districts of the synthetic Commonwealth for writeSyntheticCommonwealth: it plans the state from
// the same options (the plan is deterministic), generates the districts it is asked for and sends back their part of
// every file as encoded text (the buffers are handed over, not copied); at the end, its share of the state's sums.
import { parentPort, workerData } from 'node:worker_threads';
import { generateDistrict, planCommonwealth } from '../../core/synth/index.ts';
import {
  SyntheticTextWriter,
  type SyntheticWorkerData,
  type SyntheticWorkerReply,
  type SyntheticWorkerRequest,
} from './synthetic-service.ts';

const data = workerData as SyntheticWorkerData;
const plan = planCommonwealth(data.options);
const writer = new SyntheticTextWriter(plan, { answerKey: data.answerKey });
const encoder = new TextEncoder();
const port = parentPort!;

port.on('message', (request: SyntheticWorkerRequest) => {
  if (request.kind === 'district') {
    const text = writer.district(generateDistrict(plan, plan.districts[request.index]!.code));
    const chunks = text.chunks.map((c) => (typeof c === 'string' ? encoder.encode(c) : c));
    const reply: SyntheticWorkerReply = { kind: 'district', index: request.index, text: { chunks, lines: text.lines } };
    port.postMessage(
      reply,
      chunks.map((c) => c.buffer as ArrayBuffer),
    );
  } else {
    const reply: SyntheticWorkerReply = { kind: 'finish', stateSums: writer.aggregator.stateSums() };
    port.postMessage(reply);
  }
});
