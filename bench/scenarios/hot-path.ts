import { isDeepStrictEqual } from 'node:util';
import { Checks, eventProblem, parseAnswer, withoutTimings } from '../checks.ts';
import type { ApolloBareInfo } from '../children/apollo-bare.ts';
import type { RawHttpInfo } from '../children/raw-http.ts';
import { LOGIN_CHECK, postQuery, requestBody, signalsFor } from '../graphql.ts';
import { runLoad } from '../load.ts';
import { type Child, startChild } from '../processes.ts';
import { shownEnv, startSubgraph } from '../subgraph.ts';
import { describe, loadChecks, metrics, summarize, withCpu } from './summary.ts';
import type { BenchContext, RoundMetrics, ScenarioResult } from './types.ts';

/**
 * B0, B1 and B2 side by side: the same request body, the same answer size, three servers. Their
 * rounds are interleaved (B0, B1, B2, B0, B1, B2, …) so that a noisy neighbour on a shared machine
 * hurts all three alike and the ratios stay meaningful.
 */

/** The one token of the hot path (all five vendors), answered from the cache after one query. */
export const HOT_TOKEN = 'benchHotPath0000000001';

interface Server {
  id: 'B0' | 'B1' | 'B2';
  url: string;
  child: Child<Record<never, never>, unknown>;
  rounds: RoundMetrics[];
  checks: Checks;
  check: ((status: number, body: string) => string | undefined) | undefined;
}

export async function hotPath(context: BenchContext): Promise<ScenarioResult[]> {
  const { options, simulator } = context;
  await simulator.call('setLatency', { ms: 0 });
  const subgraph = await startSubgraph(context, 'B2', {});
  const servers: Server[] = [];
  try {
    const body = requestBody(LOGIN_CHECK, { signals: signalsFor(HOT_TOKEN) });
    const b2Checks = new Checks();
    // The first query fills the cache; the second is what every B2 request will get.
    const first = await postQuery(subgraph.info.url, body);
    const firstAnswer = parseAnswer(first.status, first.text);
    const firstProblem =
      typeof firstAnswer === 'string' ? firstAnswer : eventProblem(firstAnswer.data?.['event'], HOT_TOKEN, false);
    b2Checks.add('B2 first query: every vendor answered', firstProblem === undefined, firstProblem ?? '');
    const warm = await postQuery(subgraph.info.url, body);
    const warmAnswer = parseAnswer(warm.status, warm.text);
    if (typeof warmAnswer === 'string') throw new Error(`B2 warm query failed: ${warmAnswer}`);
    const warmProblem = eventProblem(warmAnswer.data?.['event'], HOT_TOKEN, true);
    b2Checks.add('B2 warm query: all five from the cache', warmProblem === undefined, warmProblem ?? '');
    const expected = withoutTimings(warmAnswer.data);
    const responseBytes = Buffer.byteLength(warm.text);

    // The ceilings start side by side; B0 serves B2's answer bytes, B1 its data.
    const [raw, bare] = await Promise.all([
      startChild<Record<never, never>, RawHttpInfo>({
        name: 'raw node:http (B0)',
        module: new URL('../children/raw-http.ts', import.meta.url),
        args: [warm.text],
      }),
      startChild<Record<never, never>, ApolloBareInfo>({
        name: 'bare Apollo subgraph (B1)',
        module: new URL('../children/apollo-bare.ts', import.meta.url),
        args: [JSON.stringify(warmAnswer.data)],
        execArgv: context.execArgv('B1'),
      }),
    ]);
    servers.push({ id: 'B0', url: raw.info.url, child: raw, rounds: [], checks: new Checks(), check: undefined });
    servers.push({ id: 'B1', url: bare.info.url, child: bare, rounds: [], checks: new Checks(), check: undefined });
    servers.push({ id: 'B2', url: subgraph.info.url, child: subgraph, rounds: [], checks: b2Checks, check: undefined });

    // What each server must answer: B0 the bytes, B1 the captured data, B2 the warm answer.
    const [b0, b1, b2] = servers as [Server, Server, Server];
    b0.check = (status, text) =>
      status === 200 && text === warm.text ? undefined : `B0 answered ${status}, ${text.length} bytes`;
    b1.check = (status, text) => {
      const answer = parseAnswer(status, text);
      if (typeof answer === 'string') return answer;
      return isDeepStrictEqual(answer.data, warmAnswer.data) ? undefined : 'B1 data differs from the captured B2 data';
    };
    b2.check = (status, text) => {
      const answer = parseAnswer(status, text);
      if (typeof answer === 'string') return answer;
      return isDeepStrictEqual(withoutTimings(answer.data), expected)
        ? undefined
        : 'B2 data differs from the warm answer';
    };
    for (const server of servers) {
      const spot = await postQuery(server.url, body).catch((error: unknown) => ({ status: 0, text: String(error) }));
      const problem = server.check?.(spot.status, spot.text);
      server.checks.add(
        `${server.id} answers the expected data`,
        problem === undefined,
        problem ?? `${responseBytes} bytes`,
      );
    }

    if (!options.quick) {
      context.log(`  warm-up ${options.warmupS} s each`);
      for (const server of servers)
        await runLoad({ url: server.url, connections: options.connections, durationS: options.warmupS, body });
    }

    for (let round = 1; round <= options.rounds; round += 1) {
      for (const server of servers) {
        const callsBefore = await totalCalls(context);
        const { value: result, ...cpu } = await withCpu(
          context,
          () => server.child.call('usage'),
          () =>
            runLoad({
              url: server.url,
              connections: options.connections,
              ...(options.quick ? { amount: 200 } : { durationS: options.durationS }),
              body,
              // Reading every answer costs the load generator; full runs spot-check instead.
              ...(options.quick && server.check ? { check: server.check } : {}),
            }),
        );
        const calls = (await totalCalls(context)) - callsBefore;
        loadChecks(server.checks, `${server.id} round ${round}`, result);
        server.rounds.push(
          server.id === 'B2'
            ? metrics(result, calls / Math.max(1, result.ok), cpu)
            : metrics(result, null, { ...cpu, simulatorCpuMs: null }),
        );
        context.log(`  ${server.id} round ${round}: ${describe(result)}`);
      }
    }
    for (const server of servers) {
      const spot = await postQuery(server.url, body).catch((error: unknown) => ({ status: 0, text: String(error) }));
      const problem = server.check?.(spot.status, spot.text);
      server.checks.add(
        `${server.id} still answers the expected data after load`,
        problem === undefined,
        problem ?? '',
      );
    }

    const memory = await Promise.all(servers.map((server) => server.child.call('usage')));
    // After the usage reading: a snapshot collects garbage first, which shrinks the heap.
    await context.heapSnapshot(subgraph, 'B2');
    const setup = `${options.connections} connections, POST ${responseBytes}-byte answer`;
    return [
      summarize(
        { id: 'B0', title: `raw node:http, fixed ${responseBytes}-byte JSON body`, role: 'transport ceiling', setup },
        b0.rounds,
        memory[0]!,
        b0.checks.list,
        { responseBytes },
      ),
      summarize(
        { id: 'B1', title: 'bare Apollo subgraph, our schema, precomputed answer', role: 'framework ceiling', setup },
        b1.rounds,
        memory[1]!,
        b1.checks.list,
        { responseBytes },
      ),
      summarize(
        {
          id: 'B2',
          title: 'our subgraph, typical BFF query, five vendors cached',
          role: 'our hot path',
          setup: `${setup}; one token for all five vendors, cache warmed by one query`,
          env: shownEnv(context, {}),
        },
        b2.rounds,
        memory[2]!,
        b2.checks.list,
        { responseBytes },
      ),
    ];
  } finally {
    await Promise.all(servers.filter((server) => server.id !== 'B2').map((server) => server.child.stop()));
    await subgraph.stop();
  }
}

async function totalCalls(context: BenchContext): Promise<number> {
  const calls = await context.simulator.call('calls');
  return Object.values(calls).reduce((sum, count) => sum + count, 0);
}
