import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { simulatedVendorEnv, startedPerTest, until } from '../support/process.ts';
import { fetchText } from './support.ts';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

const deviceQuery = (eventId: string) =>
  JSON.stringify({ query: `{ event(signals: {fingerprintEventId: "${eventId}"}) { device { id } } }` });

describe('graceful shutdown of the real process', () => {
  const started = startedPerTest();

  it('on SIGTERM fails readiness, stops accepting, lets the in-flight query finish and exits 0', async () => {
    const simulator = await started.simulator();
    const slow = '1708102555327.slow01';
    // The vendor holds its answer long enough for the whole drain sequence to happen meanwhile.
    simulator.addFault({ vendor: 'FINGERPRINT', token: slow, fault: { kind: 'slowHeaders', ms: 5000 } });
    const running = started.runNode(MAIN, {
      ...simulatedVendorEnv(simulator),
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      REQUEST_DEADLINE_MS: '20000',
      FINGERPRINT_TIMEOUT_MS: '20000',
      FINGERPRINT_MAX_RETRIES: '0',
      SHUTDOWN_DELAY_MS: '2000',
      SHUTDOWN_GRACE_MS: '30000',
    });
    const base = await running.ready();
    const pending = fetchText(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: deviceQuery(slow),
    });
    const sim = simulator;
    await until(() => sim.tokenCalls('FINGERPRINT', slow) === 1); // the query is now in flight

    running.child.kill('SIGTERM');
    const draining = await running.waitFor((line) => line.msg?.startsWith('draining') === true);
    expect(draining).toMatchObject({ inFlight: 1, delayMs: 2000, graceMs: 30000 });
    // During the delay the process still accepts connections, and tells load balancers to go away.
    const readiness = await fetchText(`${base}/readyz`);
    expect(readiness.status).toBe(503);
    expect(readiness.json()).toMatchObject({ status: 'draining' });
    expect(readiness.headers['connection']).toBe('close');

    const stopped = await running.waitFor((line) => line.msg === 'stopped accepting connections');
    expect(stopped).toMatchObject({ inFlight: 1 });
    await expect(fetchText(`${base}/healthz`)).rejects.toThrow(/ECONNREFUSED/);

    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ data: { event: { device: { id: expect.stringMatching(/^fingerprint:/) } } } });
    expect(answer.headers['connection']).toBe('close');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(running.lines.find((line) => line.msg === 'stopped')).toMatchObject({ inFlight: 1, abandoned: 0 });
    expect(running.lines.filter((line) => line.msg === 'graphql request')).toMatchObject([
      { status: 200, outcome: 'ok' },
    ]);
  }, 60_000);

  it('on SIGINT cuts what is still running when the grace period ends, and still exits 0', async () => {
    const simulator = await started.simulator();
    const hung = '1708102555327.hung01';
    simulator.addFault({ vendor: 'FINGERPRINT', token: hung, fault: { kind: 'hang' } });
    const running = started.runNode(MAIN, {
      ...simulatedVendorEnv(simulator),
      HOST: '127.0.0.1',
      PORT: '0',
      REQUEST_DEADLINE_MS: '60000',
      FINGERPRINT_TIMEOUT_MS: '60000',
      FINGERPRINT_MAX_RETRIES: '0',
      SHUTDOWN_GRACE_MS: '200',
    });
    const base = await running.ready();
    const pending = fetchText(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: deviceQuery(hung),
    });
    const sim = simulator;
    await until(() => sim.tokenCalls('FINGERPRINT', hung) === 1);

    running.child.kill('SIGINT');
    await expect(pending).rejects.toThrow(); // the connection was cut
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(running.lines.find((line) => line.msg === 'stopped')).toMatchObject({ inFlight: 1, abandoned: 1 });
    expect(running.lines.find((line) => line.msg?.startsWith('grace period over'))).toBeDefined();
  }, 60_000);
});
