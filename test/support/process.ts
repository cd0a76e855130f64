import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterEach } from 'vitest';
import { SIMULATOR_CREDENTIALS, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { type JsonLine, JsonLines } from './json-lines.ts';

export type { JsonLine };

export interface RunningProcess {
  child: ChildProcess;
  /** JSON log lines written to stdout so far. */
  lines: JsonLine[];
  /** Everything written to stderr. */
  stderr(): string;
  /** The first log line (already written or still to come) that matches. */
  waitFor(match: (line: JsonLine) => boolean, what?: string): Promise<JsonLine>;
  /** Resolves with the exit code (or the signal that ended it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The base URL from the "ready" log line. */
  ready(): Promise<string>;
  kill(): void;
}

/**
 * The simulators and processes a test starts through it, all stopped after each test, however it
 * ended. Call it inside a `describe`.
 */
export function startedPerTest(): { simulator(): Promise<Simulator>; runNode: typeof runNode } {
  const simulators: Simulator[] = [];
  const processes: RunningProcess[] = [];
  afterEach(async () => {
    for (const running of processes.splice(0)) running.kill();
    await Promise.all(simulators.splice(0).map((simulator) => simulator.close()));
  });
  return {
    async simulator() {
      const simulator = await startSimulator();
      simulators.push(simulator);
      return simulator;
    },
    runNode(...args) {
      const running = runNode(...args);
      processes.push(running);
      return running;
    },
  };
}

/**
 * Runs a Node entry point (the subgraph's `src/main.ts` or a built `dist/main.js`) as a real process
 * on the running Node (24), with exactly `env` (nothing inherited but PATH), reading its JSON logs.
 */
export function runNode(entry: string, env: Record<string, string>, cwd?: string): RunningProcess {
  const child = spawn(process.execPath, [entry], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = new JsonLines();
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  createInterface({ input: child.stdout! }).on('line', (text) => log.add(text));
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  void exited.then(({ code, signal }) => log.end(`process ended (${code ?? signal}); stderr: ${errors}`));
  const waitFor = (match: (line: JsonLine) => boolean, what?: string) => log.waitFor(match, what);

  return {
    child,
    lines: log.lines,
    stderr: () => errors,
    waitFor,
    exited,
    async ready() {
      const line = await waitFor((l) => l.msg === 'device-intelligence subgraph ready', 'the ready line');
      return new URL(String(line['url'])).origin;
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** Variables that point every vendor at a simulator running in the test process. */
export function simulatedVendorEnv(simulator: Simulator): Record<string, string> {
  const credentials = SIMULATOR_CREDENTIALS;
  return {
    VENDOR_SIMULATOR: 'off',
    FINGERPRINT_API_URL: simulator.baseUrl('FINGERPRINT'),
    FINGERPRINT_SECRET_API_KEY: credentials.fingerprint.secretApiKey,
    TRUSTDECISION_API_URL: simulator.baseUrl('TRUSTDECISION'),
    TRUSTDECISION_PARTNER_CODE: credentials.trustDecision.partnerCode,
    TRUSTDECISION_PARTNER_KEY: credentials.trustDecision.partnerKey,
    FRIENDLYCAPTCHA_API_URL: simulator.baseUrl('FRIENDLY_CAPTCHA'),
    FRIENDLYCAPTCHA_API_KEY: credentials.friendlyCaptcha.apiKey,
    DETECTIP_API_URL: simulator.baseUrl('DETECTIP'),
    DETECTIP_API_KEY: credentials.detectIp.apiKey,
    HITPROBE_API_URL: simulator.baseUrl('HITPROBE'),
    HITPROBE_SECRET_KEY: credentials.hitprobe.secretKey,
  };
}

/** Polls `condition` until it holds (no wall-clock assertion: the test's own timeout bounds it). */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
