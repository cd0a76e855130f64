/**
 * The vendor simulator, a development tool: Fingerprint, TrustDecision, Friendly Captcha,
 * detectip.ai and Hitprobe on one loopback HTTP server, with the vendors' real paths, auth,
 * status codes and bodies; deterministic personas per token (named ones for demos and tests);
 * a fault injector; call counters; configurable latency. README.md in this folder is the manual.
 */
export { SIMULATOR_CREDENTIALS } from './credentials.ts';
export type { Fault, FaultRule } from './faults.ts';
export { type Simulator, type SimulatorOptions, startSimulator } from './server.ts';
