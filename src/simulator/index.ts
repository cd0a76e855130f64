/**
 * The embedded vendor simulator (DESIGN.md §6): Fingerprint, TrustDecision, Friendly Captcha,
 * detectip.ai and Hitprobe on one loopback HTTP server, with the vendors' real paths, auth,
 * status codes and bodies; deterministic personas per token; a fault injector; call counters;
 * configurable latency. README.md in this folder is the manual.
 */
export { SIMULATOR_CREDENTIALS } from './credentials.ts';
export type { Fault, FaultRule } from './faults.ts';
export { type Simulator, type SimulatorOptions, startSimulator } from './server.ts';
