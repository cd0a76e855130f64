import { spawnSync } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { type Harness, startHarness } from '../support/harness.ts';
import { simulatedVendorEnv, startedPerTest } from '../support/process.ts';
import { captureLogs, fetchText } from './support.ts';

/**
 * `RISK_POLICY_FILE` follows the file: SIGHUP or a change reloads it; a valid file takes effect for
 * new requests, an invalid one keeps the policy in force and is logged in one line; at start-up an
 * invalid file stops the process with one line. Waits are bounded polls, never timed assertions.
 */

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
/** How long a change may take to be noticed before the test fails: generous, the poll ends much sooner. */
const NOTICED = { timeout: 15_000, interval: 50 };

const directory = mkdtempSync(join(tmpdir(), 'policy-reload-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const policy = (challengeAt: number) => JSON.stringify({ default: 'login', checkpoints: { login: { challengeAt } } });
const VERSION_QUERY = '{ event(signals: {ip: "203.0.113.9"}) { risk { checkpoint policyVersion } } }';

describe('reloading RISK_POLICY_FILE in a running subgraph', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  async function version(): Promise<string | undefined> {
    const response = await harness?.query<{ event: { risk: { policyVersion: string } } }>(VERSION_QUERY);
    return response?.data?.event.risk.policyVersion;
  }

  it('takes a valid change for the next requests, and keeps the policy in force through an invalid one', async () => {
    const file = join(directory, 'watched.json');
    writeFileSync(file, policy(20));
    const logs = captureLogs();
    harness = await startHarness({ RISK_POLICY_FILE: file }, { logger: logs.logger });
    const first = await version();
    expect(first).toMatch(/^sha256:/);

    writeFileSync(file, policy(25));
    await vi.waitFor(async () => expect(await version()).not.toBe(first), NOTICED);
    const second = await version();
    expect(logs.lines().filter((line) => line.msg === 'risk policy reloaded: new requests use it')).toHaveLength(1);

    writeFileSync(file, '{"default": "login", "checkpoints": {"login": {"challengeAt": "high"}}}');
    const notReloaded = (line: { msg?: string }) => line.msg?.startsWith('risk policy not reloaded') === true;
    await vi.waitFor(() => expect(logs.lines().filter(notReloaded)).toHaveLength(1), NOTICED);
    const [problem] = logs.lines().filter(notReloaded);
    expect(problem?.msg).toBe(
      `risk policy not reloaded, the one in force stays: Invalid configuration: RISK_POLICY_FILE (${file}) at checkpoints.login.challengeAt: Invalid input: expected number, received string`,
    );
    expect(problem).toMatchObject({ level: 'error', trigger: 'change', default: 'login', versions: { login: second } });
    expect(await version()).toBe(second);

    // Replaced by a rename, as editors and config maps do: still noticed.
    writeFileSync(join(directory, 'next.json'), policy(21));
    renameSync(join(directory, 'next.json'), file);
    await vi.waitFor(async () => expect(await version()).not.toBe(second), NOTICED);
    // The broken content was reported once, however many events the writes raised.
    expect(logs.lines().filter(notReloaded)).toHaveLength(1);
  });
});

describe('RISK_POLICY_FILE and the process', () => {
  const started = startedPerTest();

  it('stops start-up with one line and exit code 1 when the file is invalid', () => {
    const file = join(directory, 'invalid-at-start.yaml');
    writeFileSync(file, 'default: login\ncheckpoints:\n  login:\n    deny:\n      ipRanges: [10.0.0.0/33]\n');
    const result = spawnSync(process.execPath, [MAIN], {
      env: { PATH: process.env['PATH'], RISK_POLICY_FILE: file, VENDOR_SIMULATOR: 'off' },
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `Invalid configuration: RISK_POLICY_FILE (${file}) at checkpoints.login.deny.ipRanges.0: "10.0.0.0/33" needs a prefix length from 0 to 32 after "/"\n`,
    );
  });

  it('reloads on SIGHUP instead of ending, and says so in the log', async () => {
    const simulator = await started.simulator();
    const file = join(directory, 'sighup.json');
    writeFileSync(file, policy(20));
    const running = started.runNode(MAIN, {
      ...simulatedVendorEnv(simulator),
      HOST: '127.0.0.1',
      PORT: '0',
      RISK_POLICY_FILE: file,
    });
    const base = await running.ready();
    const ask = async () =>
      (
        await fetchText(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: VERSION_QUERY }),
        })
      ).json<{ data: { event: { risk: { policyVersion: string } } } }>().data.event.risk.policyVersion;
    const first = await ask();

    running.child.kill('SIGHUP');
    await running.waitFor(
      (line) => line.msg === 'risk policy unchanged' && line['trigger'] === 'signal',
      'the SIGHUP answer',
    );

    const mark = running.lines.length;
    writeFileSync(file, policy(26));
    running.child.kill('SIGHUP');
    // The file watch may see the change first; either way SIGHUP is answered and the new policy serves.
    const { lines } = running;
    await running.waitFor(
      (line) =>
        lines.indexOf(line) >= mark &&
        line['trigger'] === 'signal' &&
        /^risk policy (reloaded|unchanged)/.test(line.msg ?? ''),
      'the second SIGHUP answer',
    );
    expect(await ask()).not.toBe(first);
    expect(running.child.exitCode).toBeNull();
  });
});
