import { isDeepStrictEqual } from 'node:util';
import { visitorIdFor } from '../../src/simulator/persona.ts';
import { Checks } from '../checks.ts';
import type { ClientApi, ClientInfo, ClientKind, LookupRun } from '../children/fingerprint-client.ts';
import { TokenSource } from '../graphql.ts';
import { type Child, startChild } from '../processes.ts';
import { summarize } from './summary.ts';
import type { BenchContext, RoundMetrics, ScenarioResult } from './types.ts';

/**
 * B5, the alternative: what a team would otherwise write, `@fingerprint/node-sdk`'s `getEvent`,
 * against our Fingerprint client, for the same distinct event ids with the same number in flight,
 * each client in its own process, against the same simulator with no added latency (so the
 * comparison is of client overhead, not of waiting). Rounds alternate which client goes first.
 */

export const LOOKUPS = 1000;
export const IN_FLIGHT = 50;
/** Untimed lookups per client first: a round takes well under a second, so without them the first rounds measure the JIT. */
const WARM_UP_LOOKUPS = 3000;

interface Contender {
  id: 'B5a' | 'B5b';
  kind: ClientKind;
  child: Child<ClientApi, ClientInfo>;
  rounds: RoundMetrics[];
  checks: Checks;
}

export async function sdkComparison(context: BenchContext): Promise<ScenarioResult[]> {
  const { options, simulator } = context;
  await simulator.call('setLatency', { ms: 0 });
  const lookups = options.quick ? 200 : LOOKUPS;
  const contenders: Contender[] = [];
  try {
    const started = await Promise.all(
      (
        [
          ['B5a', 'ours'],
          ['B5b', 'sdk'],
        ] as const
      ).map(async ([id, kind]): Promise<Contender> => {
        const child = await startChild<ClientApi, ClientInfo>({
          name: `Fingerprint client (${kind})`,
          module: new URL('../children/fingerprint-client.ts', import.meta.url),
          execArgv: context.execArgv(`${id}-${kind}`),
          args: [
            JSON.stringify({
              kind,
              baseUrl: simulator.info.baseUrls.FINGERPRINT,
              apiKey: simulator.info.credentials.fingerprint.secretApiKey,
              connections: IN_FLIGHT,
            }),
          ],
        });
        return { id, kind, child, rounds: [], checks: new Checks() };
      }),
    );
    contenders.push(...started);
    if (!options.quick) {
      context.log(`  warm-up: ${WARM_UP_LOOKUPS} lookups each`);
      for (const contender of contenders)
        await contender.child.call('run', {
          ids: new TokenSource(`warm${contender.kind}`).take(WARM_UP_LOOKUPS),
          concurrency: IN_FLIGHT,
        });
    }
    for (let round = 1; round <= options.rounds; round += 1) {
      const ids = new TokenSource(`ev${round}x`).take(lookups);
      const expected = ids.map(visitorIdFor);
      const order = round % 2 === 1 ? contenders : [...contenders].reverse();
      for (const contender of order) {
        const before = (await simulator.call('calls')).FINGERPRINT;
        const simulatorBefore = await simulator.call('usage');
        const run: LookupRun = await contender.child.call('run', { ids, concurrency: IN_FLIGHT });
        const simulatorCpuMs = (await simulator.call('usage')).cpuMs - simulatorBefore.cpuMs;
        const calls = (await simulator.call('calls')).FINGERPRINT - before;
        const { checks } = contender;
        checks.add(
          `${contender.id} round ${round}: no errors`,
          run.errors === 0,
          run.firstError ? `${run.errors} errors, e.g. ${run.firstError}` : '',
        );
        checks.add(`${contender.id} round ${round}: ${lookups} vendor calls`, calls === lookups, `${calls} calls`);
        checks.add(
          `${contender.id} round ${round}: the visitor id of every event`,
          isDeepStrictEqual(run.visitorIds, expected),
          `${run.visitorIds.filter((visitor, index) => visitor === expected[index]).length}/${lookups} match`,
        );
        const ok = lookups - run.errors;
        contender.rounds.push({
          rps: ok / (run.elapsedMs / 1000),
          p50Ms: run.p50Ms,
          p99Ms: run.p99Ms,
          requests: ok,
          callsPerQuery: calls / lookups,
          cpuMsPerQuery: run.cpuMs / lookups,
          simulatorCpuMsPerQuery: simulatorCpuMs / lookups,
          gcMsPerQuery: run.gcMs / lookups,
        });
        context.log(
          `  ${contender.id} (${contender.kind}) round ${round}: ${Math.round(ok / (run.elapsedMs / 1000))} lookups/s, ` +
            `p50 ${run.p50Ms.toFixed(2)} ms, p99 ${run.p99Ms.toFixed(2)} ms, ${(run.cpuMs / lookups).toFixed(3)} ms CPU/lookup`,
        );
      }
    }
    const memory = await Promise.all(contenders.map((contender) => contender.child.call('usage')));
    const setup = `${lookups} distinct event ids per round, ${IN_FLIGHT} in flight, no vendor latency`;
    return contenders.map((contender, index) =>
      summarize(
        {
          id: contender.id,
          title:
            contender.kind === 'ours'
              ? 'our FingerprintClient.fetch (undici, zod, mapped report)'
              : '@fingerprint/node-sdk getEvent (fetch, raw JSON)',
          role: contender.kind === 'ours' ? 'the alternative: ours' : 'the alternative: SDK',
          setup,
        },
        contender.rounds,
        memory[index]!,
        contender.checks.list,
        { lookups },
      ),
    );
  } finally {
    await Promise.all(contenders.map((contender) => contender.child.stop()));
  }
}
