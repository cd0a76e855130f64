import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_CREDENTIALS, type Simulator, startSimulator } from '../../src/simulator/index.ts';
import { fingerprintV4, send, verdict } from './support.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});

describe('concurrency gates', () => {
  it('holds requests until the gate is full, then answers them all', async () => {
    const opened = sim.gate('FINGERPRINT', 3);
    const answers = [1, 2, 3].map((n) => fingerprintV4(sim, `/events/1700000000000.gate${n}`));
    await opened;
    expect((await Promise.all(answers)).map((answer) => answer.status)).toEqual([200, 200, 200]);
    // Closed once full: later requests pass straight through.
    expect((await fingerprintV4(sim, '/events/1700000000000.gate4')).status).toBe(200);
  });

  it('never opens for requests sent one after another', async () => {
    let opened = false;
    void sim.gate('DETECTIP', 2).then(() => {
      opened = true;
    });
    // The first request waits for a second one that a serial client never sends.
    const first = send(`${sim.baseUrl('DETECTIP')}/api/v1/verdict?token=gate-serial-1`, {
      headers: { 'x-api-key': SIMULATOR_CREDENTIALS.detectIp.apiKey },
      signal: AbortSignal.timeout(300),
    });
    await expect(first).rejects.toThrow();
    expect(opened).toBe(false);
    // Let the held request go, so the gate does not outlive the test.
    await verdict(sim, 'gate-serial-2');
    expect(opened).toBe(true);
  });

  it('rejects a bad count and a second gate for the same vendor', () => {
    expect(() => sim.gate('HITPROBE', 0)).toThrow(TypeError);
    void sim.gate('HITPROBE', 1);
    expect(() => sim.gate('HITPROBE', 1)).toThrow(/already open/);
  });
});
