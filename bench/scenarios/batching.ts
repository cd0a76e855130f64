import { VENDOR_REGISTRY, VENDORS } from '../../src/vendors/registry.ts';
import { Checks, eventProblem, parseAnswer } from '../checks.ts';
import { DEVICES, REVIEW_QUEUE, requestBody, signalsFor, TokenSource } from '../graphql.ts';
import { runLoad } from '../load.ts';
import { shownEnv, startSubgraph } from '../subgraph.ts';
import { VENDOR_LATENCY_MS } from './cold-path.ts';
import { describe, loadChecks, metrics, settle, summarize, withCpu } from './summary.ts';
import type { BenchContext, RoundMetrics, ScenarioResult } from './types.ts';
import { tokenCallCounts } from './vendor-calls.ts';

/**
 * B4, batching: 100 items per query whose tokens repeat, at the default concurrency limits.
 * B4a asks `events` for 100 signal sets over N distinct five-vendor token sets; B4b asks
 * `_entities` for 100 `Device` representations over N distinct Fingerprint visitors. N is the
 * smallest default vendor concurrency, so one query's distinct calls fit the bulkheads at once and
 * the query should cost about one vendor round trip. One query at a time: several at once would
 * queue in the bulkheads by design, which is B3's subject, not this one's.
 */

export const BATCH_ITEMS = 100;
export const DISTINCT = Math.min(...VENDOR_REGISTRY.descriptors.map((vendor) => vendor.tuning.concurrency));

/** Fingerprint's local limiter models the account's 5 requests/s; 16 distinct events per query exceed it. */
const TUNING = { FINGERPRINT_RATE_LIMIT_RPS: '0' };

interface Variant {
  id: 'B4a' | 'B4b';
  build: () => { body: string; tag: string };
  check: (status: number, body: string, tag: string) => string | undefined;
  /** Vendors whose calls per distinct token must be exactly one. */
  vendors: typeof VENDORS | readonly ['FINGERPRINT'];
  rounds: RoundMetrics[];
  checks: Checks;
}

export async function batching(context: BenchContext): Promise<ScenarioResult[]> {
  const { options } = context;
  await context.simulator.call('setLatency', { ms: VENDOR_LATENCY_MS });
  const subgraph = await startSubgraph(context, 'B4', TUNING);
  try {
    const tokens = new TokenSource('batch');
    const visitors = new TokenSource('dv', 20);
    const events: Variant = {
      id: 'B4a',
      build: () => {
        const distinct = tokens.take(DISTINCT);
        const signals = Array.from({ length: BATCH_ITEMS }, (_, index) => signalsFor(distinct[index % DISTINCT]!));
        return { body: requestBody(REVIEW_QUEUE, { signals }), tag: distinct.join(',') };
      },
      check: (status, body, tag) => {
        const answer = parseAnswer(status, body);
        if (typeof answer === 'string') return answer;
        const distinct = tag.split(',');
        const list = answer.data?.['events'];
        if (!Array.isArray(list) || list.length !== BATCH_ITEMS) return `expected ${BATCH_ITEMS} events`;
        for (const [index, event] of list.entries()) {
          const problem = eventProblem(event, distinct[index % DISTINCT]!);
          if (problem) return `events[${index}]: ${problem}`;
        }
        return undefined;
      },
      vendors: VENDORS,
      rounds: [],
      checks: new Checks(),
    };
    const devices: Variant = {
      id: 'B4b',
      build: () => {
        const distinct = visitors.take(DISTINCT);
        const representations = Array.from({ length: BATCH_ITEMS }, (_, index) => ({
          __typename: 'Device',
          id: `fingerprint:${distinct[index % DISTINCT]}`,
        }));
        return { body: requestBody(DEVICES, { representations }), tag: distinct.join(',') };
      },
      check: (status, body, tag) => {
        const answer = parseAnswer(status, body);
        if (typeof answer === 'string') return answer;
        const distinct = tag.split(',');
        const list = answer.data?.['_entities'];
        if (!Array.isArray(list) || list.length !== BATCH_ITEMS) return `expected ${BATCH_ITEMS} entities`;
        for (const [index, value] of list.entries()) {
          const device = value as { id?: string; platform?: string | null } | null;
          const id = `fingerprint:${distinct[index % DISTINCT]}`;
          if (device?.id !== id || !device.platform) return `_entities[${index}]: ${JSON.stringify(device)} for ${id}`;
        }
        return undefined;
      },
      vendors: ['FINGERPRINT'],
      rounds: [],
      checks: new Checks(),
    };
    const variants = [events, devices];
    if (!options.quick) {
      context.log(`  warm-up ${options.warmupS} s each`);
      for (const variant of variants)
        await runLoad({ url: subgraph.info.url, connections: 1, durationS: options.warmupS, body: variant.build });
      await settle(context);
    }
    for (let round = 1; round <= options.rounds; round += 1) {
      for (const variant of variants) {
        const before = await context.simulator.call('calls');
        const { value: result, ...cpu } = await withCpu(
          context,
          () => subgraph.call('usage'),
          () =>
            runLoad({
              url: subgraph.info.url,
              connections: 1,
              ...(options.quick ? { amount: 2 } : { durationS: options.durationS }),
              body: variant.build,
              check: variant.check,
            }),
        );
        await settle(context);
        const after = await context.simulator.call('calls');
        loadChecks(variant.checks, `${variant.id} round ${round}`, result);
        const distinct = result.answeredTags.flatMap((tag) => tag.split(','));
        const calls = await tokenCallCounts(context, variant.vendors, distinct, 1);
        const expected = variant.vendors.length * DISTINCT * result.ok;
        variant.checks.add(
          `${variant.id} round ${round}: vendor calls = distinct tokens`,
          calls.wrong.length === 0 && calls.total === expected,
          calls.wrong.length ? calls.wrong.join(', ') : `${calls.total} calls for ${result.ok} queries`,
        );
        if (variant.id === 'B4b') {
          const others = VENDORS.filter((vendor) => vendor !== 'FINGERPRINT').reduce(
            (sum, vendor) => sum + after[vendor] - before[vendor],
            0,
          );
          variant.checks.add(`B4b round ${round}: no other vendor called`, others === 0, `${others} calls`);
        }
        variant.rounds.push(metrics(result, calls.total / Math.max(1, result.ok), cpu));
        context.log(`  ${variant.id} round ${round}: ${describe(result)}`);
      }
    }
    const memory = await subgraph.call('usage');
    const env = shownEnv(context, TUNING);
    const setup = `1 connection, vendor latency ${VENDOR_LATENCY_MS} ms, default concurrency limits, fresh tokens per query`;
    return [
      summarize(
        {
          id: 'B4a',
          title: `events: ${BATCH_ITEMS} signal sets over ${DISTINCT} distinct token sets`,
          role: 'batching',
          setup,
          env,
        },
        events.rounds,
        memory,
        events.checks.list,
        { items: BATCH_ITEMS, distinct: DISTINCT, expectedCallsPerQuery: VENDORS.length * DISTINCT },
      ),
      summarize(
        {
          id: 'B4b',
          title: `_entities: ${BATCH_ITEMS} Device representations over ${DISTINCT} visitors`,
          role: 'batching',
          setup,
          env,
        },
        devices.rounds,
        memory,
        devices.checks.list,
        { items: BATCH_ITEMS, distinct: DISTINCT, expectedCallsPerQuery: DISTINCT },
      ),
    ];
  } finally {
    await subgraph.stop();
  }
}
