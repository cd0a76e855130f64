import { instructions } from './query.ts';
import { startSupergraph } from './supergraph.ts';

/**
 * `npm run example:supergraph`: router on GATEWAY_PORT (4000), device-intelligence subgraph on PORT
 * (4001) and the users subgraph on USERS_PORT (4002), all on HOST (127.0.0.1). Every other variable
 * of the subgraph (docs/configuration.md) applies too.
 */
const port = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    process.stderr.write(`${name} must be a port number (got ${JSON.stringify(process.env[name])})\n`);
    process.exit(1);
  }
  return value;
};

const supergraph = await startSupergraph({
  host: process.env['HOST'] ?? '127.0.0.1',
  gatewayPort: port('GATEWAY_PORT', 4000),
  subgraphPort: port('PORT', 4001),
  usersPort: port('USERS_PORT', 4002),
  logLevel: process.env['LOG_LEVEL'] ?? 'error', // keep the console for the instructions; LOG_LEVEL=info shows request logs
}).catch((error: unknown) => {
  process.stderr.write(`Could not start the supergraph: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
process.stdout.write(instructions(supergraph.gatewayUrl, supergraph.subgraphs));

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    supergraph.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
