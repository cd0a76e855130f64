/**
 * The query `npm run example:supergraph` prints: one request to the router that joins the `users`
 * subgraph's data with device intelligence about that user's devices and last sign-in.
 */
export const EXAMPLE_QUERY = `query UserRisk {
  user(id: "u1") {
    name
    devices {
      id
      platform
      browserName
      os
      riskLabels { code severity source }
      recentEvents(first: 3) { time ip { address geolocation { city country { code } } } }
    }
    lastLogin {
      time
      ip { address vpn proxy { result } }
      risk { score band action reasons { code points sources } }
      sources { vendor status latencyMs cached }
    }
  }
}`;

/** What to print once everything listens. */
export function instructions(gatewayUrl: string, subgraphs: { name: string; url: string }[]): string {
  const body = JSON.stringify({ query: EXAMPLE_QUERY.replace(/\s+/g, ' ') });
  return [
    '',
    `Supergraph ready: ${gatewayUrl}`,
    ...subgraphs.map(({ name, url }) => `  subgraph ${name.padEnd(20)} ${url}`),
    '',
    `Open ${gatewayUrl} in a browser (Apollo Sandbox) and run:`,
    '',
    EXAMPLE_QUERY,
    '',
    'or from a terminal:',
    '',
    `curl -s ${gatewayUrl} -H 'content-type: application/json' -d '${body}'`,
    '',
    'Ctrl-C stops all three servers.',
    '',
  ].join('\n');
}
