import { answerParent } from './rpc.ts';

/**
 * Loaded with `--import` into our subgraph, which the benchmark starts exactly as `npm start` does
 * (`node <the start script's flags> src/main.ts`, configured by its environment, logging to stdout).
 * It only answers the parent's questions over the IPC channel (memory, CPU and GC time, a heap
 * snapshot, stop); it does not touch the app. The parent learns the app's URL from its "ready" log
 * line.
 */
answerParent({});
