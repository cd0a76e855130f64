import { type App, startApp } from '../../src/app/app.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/logger.ts';
import { simulatedVendors } from '../../src/simulator/development.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import { VENDORS } from '../../src/vendors/registry.ts';
import type { SignalsInput } from './gql/graphql.ts';
import { checkLogin } from './login-check.ts';

/**
 * `npm run example:bff`: three sign-ins checked the way a BFF would. Against SUBGRAPH_URL (the
 * subgraph or a router) when set; otherwise against a subgraph started here on the simulator, with
 * detectip.ai made to fail for the third sign-in to show a partial verdict. The tokens are the
 * simulator's showcase Fingerprint event and named personas (`cleanweb-…`, `headless-…`; see
 * src/simulator/README.md).
 */
const SIGN_INS: { who: string; signals: SignalsInput }[] = [
  {
    who: 'Ada, usual laptop',
    signals: { fingerprintEventId: '1708102555327.NLOjmg', detectIpToken: 'cleanweb-ada-0001' },
  },
  {
    who: 'scripted sign-in',
    signals: { fingerprintEventId: 'headless-signin-0001', detectIpToken: 'headless-signin-0001' },
  },
  {
    who: 'Ada, detectip.ai down',
    signals: { fingerprintEventId: '1708102555327.NLOjmg', detectIpToken: 'botd-demo-down-0001' },
  },
];

let local: App | undefined;
let endpoint = process.env['SUBGRAPH_URL'];
if (!endpoint) {
  // Every vendor simulated, detectip.ai failing for one of the sign-ins.
  const simulator = await startSimulator();
  simulator.addFault({ vendor: 'DETECTIP', token: 'botd-demo-down-0001', fault: { kind: 'status', status: 503 } });
  const simulated = simulatedVendors(simulator, VENDORS, () => simulator.close());
  local = await startApp(loadConfig({ ...process.env, PORT: '0', ...simulated.environment }), {
    logger: createLogger('error'),
    simulated,
  });
  endpoint = `${local.url}/graphql`;
}

process.stdout.write(`Checking sign-ins against ${endpoint}\n\n`);
for (const { who, signals } of SIGN_INS) {
  const decision = await checkLogin(endpoint, signals);
  const reasons = decision.reasons.length ? decision.reasons.join(', ') : 'none';
  const partial = decision.partial ? '  (partial: a vendor could not be consulted)' : '';
  process.stdout.write(`${who.padEnd(24)} → ${decision.action.padEnd(9)} reasons: ${reasons}${partial}\n`);
}
await local?.close();
