import { type FSWatcher, watch } from 'node:fs';
import { dirname } from 'node:path';
import { reloadRiskPolicyFile } from '../config/risk-policy-file.ts';
import type { Logger } from '../logger.ts';
import type { Checkpoints } from '../risk/checkpoint.ts';
import type { RiskPolicy } from '../risk/policy.ts';
import type { VendorRegistry } from '../vendors/registry.ts';

/**
 * The checkpoints in force. With `RISK_POLICY_FILE` they follow the file: on SIGHUP (`reload`) or
 * when it changes, a valid file takes effect for the requests that arrive afterwards (a request
 * keeps the checkpoints it started with); an invalid one is logged in one line and the policy in
 * force stays.
 */
export interface RiskPolicies {
  readonly current: Checkpoints;
  reload(): Promise<void>;
  close(): void;
}

/** Without a file: the one policy, for good. */
export function fixedRiskPolicies(checkpoints: Checkpoints): RiskPolicies {
  return { current: checkpoints, reload: async () => undefined, close: () => undefined };
}

export interface WatchOptions {
  path: string;
  /** The deployment's policy (built-in, then `RISK_POLICY`) the checkpoints are merged over. */
  base: RiskPolicy;
  registry: VendorRegistry;
  /** What start-up loaded from the file. */
  initial: Checkpoints;
  logger: Logger;
}

/**
 * Editors and config maps replace a file in several steps (write, rename, swap a symlink), each
 * an event: a reload waits for them to settle.
 */
const SETTLE_MS = 100;

type Trigger = 'signal' | 'change';

export function watchRiskPolicyFile(options: WatchOptions): RiskPolicies {
  return new RiskPolicyFile(options);
}

class RiskPolicyFile implements RiskPolicies {
  readonly #options: WatchOptions;
  #current: Checkpoints;
  /** The problem last logged, so a file left broken is reported once, not on every event. */
  #lastProblem: string | undefined;
  readonly #watcher: FSWatcher | undefined;
  #timer: NodeJS.Timeout | undefined;
  /** Reloads run one at a time; a trigger during one asks for one more afterwards. */
  #running: Promise<void> | undefined;
  #pending: Trigger | undefined;

  constructor(options: WatchOptions) {
    this.#options = options;
    this.#current = options.initial;
    // The directory, not the file: a file replaced by a rename (or a config map's symlink swap) is a
    // new file that a watch on the old one never sees.
    try {
      this.#watcher = watch(dirname(options.path), { persistent: false }, () => this.#settle());
      this.#watcher.on('error', (error) => this.#cannotWatch(error));
    } catch (error) {
      this.#cannotWatch(error);
    }
  }

  get current(): Checkpoints {
    return this.#current;
  }

  reload(): Promise<void> {
    return this.#run('signal');
  }

  close(): void {
    clearTimeout(this.#timer);
    this.#watcher?.close();
  }

  #settle(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#run('change'), SETTLE_MS);
    this.#timer.unref();
  }

  #run(trigger: Trigger): Promise<void> {
    if (this.#running) {
      // A signal is answered even when a change is being read: it asks for a log line.
      this.#pending = this.#pending === 'signal' ? 'signal' : trigger;
      return this.#running;
    }
    this.#running = (async () => {
      let next: Trigger | undefined = trigger;
      while (next) {
        this.#pending = undefined;
        await this.#reloadOnce(next);
        next = this.#pending;
      }
    })().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #reloadOnce(trigger: Trigger): Promise<void> {
    const { path, base, registry, logger } = this.#options;
    try {
      const loaded = await reloadRiskPolicyFile(path, base, registry);
      const previous = this.#current.describe();
      const next = loaded.describe();
      this.#lastProblem = undefined;
      if (JSON.stringify(previous) === JSON.stringify(next)) {
        // Events for other files of the directory, or a save without change: only a signal is told.
        if (trigger === 'signal') logger.info({ file: path, trigger, ...next }, 'risk policy unchanged');
        return;
      }
      this.#current = loaded;
      logger.info({ file: path, trigger, ...next }, 'risk policy reloaded: new requests use it');
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      if (trigger === 'change' && problem === this.#lastProblem) return;
      this.#lastProblem = problem;
      logger.error(
        { file: path, trigger, ...this.#current.describe() },
        `risk policy not reloaded, the one in force stays: ${problem}`,
      );
    }
  }

  #cannotWatch(error: unknown): void {
    this.#watcher?.close();
    const reason = error instanceof Error ? error.message : String(error);
    this.#options.logger.warn(
      { file: this.#options.path, reason },
      'cannot watch the risk policy file for changes: send SIGHUP to reload it',
    );
  }
}
