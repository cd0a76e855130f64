import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** Where a run happened: absolute numbers only mean something next to this. */
export interface Machine {
  cpuModel: string;
  /** CPUs this process may use (`os.availableParallelism()`): load generator, servers and simulator share them. */
  cores: number;
  memoryGB: number;
  os: string;
  node: string;
  commit: string;
  /** Uncommitted changes outside bench/results/ when the run started. */
  dirty: boolean;
  /** 1-minute load average when the run started: other work on a shared machine shows here. */
  loadAverage: number;
}

function git(args: string[]): string | undefined {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export function describeMachine(): Machine {
  const status = git(['status', '--porcelain', '--', '.', ':(exclude)bench/results']);
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    commit: git(['rev-parse', '--short=12', 'HEAD']) ?? 'unknown',
    dirty: status === undefined ? false : status.length > 0,
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}
