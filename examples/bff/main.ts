import { fileURLToPath } from 'node:url';
import { type App, startApp } from '../../src/app/app.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/logger.ts';
import { simulatedVendors } from '../../src/simulator/development.ts';
import { startSimulator } from '../../src/simulator/index.ts';
import { VENDORS } from '../../src/vendors/registry.ts';
import { reportChargeback } from './chargeback.ts';
import type { SignalsInput } from './gql/graphql.ts';
import { checkLogin } from './login-check.ts';
import { checkPayment } from './payment-check.ts';

/**
 * `npm run example:bff`: three sign-ins, two payments and a chargeback, handled the way a BFF
 * would. Against SUBGRAPH_URL (the subgraph or a router, with this folder's risk-policy.yaml) when
 * set; otherwise against a subgraph started here on the simulator with that policy file, with
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

const PAYMENTS: { who: string; signals: SignalsInput }[] = [
  {
    who: 'Grace pays 80 EUR',
    signals: { fingerprintEventId: 'cleanweb-grace-pay-0001', detectIpToken: 'cleanweb-grace-pay-0001' },
  },
  {
    who: 'card testing script',
    signals: { fingerprintEventId: 'headless-cardtest-0001', detectIpToken: 'headless-cardtest-0001' },
  },
];

const POLICY_FILE = fileURLToPath(new URL('risk-policy.yaml', import.meta.url));

let local: App | undefined;
let endpoint = process.env['SUBGRAPH_URL'];
if (!endpoint) {
  // Every vendor simulated, detectip.ai failing for one of the sign-ins.
  const simulator = await startSimulator();
  simulator.addFault({ vendor: 'DETECTIP', token: 'botd-demo-down-0001', fault: { kind: 'status', status: 503 } });
  const simulated = simulatedVendors(simulator, VENDORS, () => simulator.close());
  const environment = { RISK_POLICY_FILE: POLICY_FILE, ...process.env, PORT: '0', ...simulated.environment };
  local = await startApp(loadConfig(environment), { logger: createLogger('error'), simulated });
  endpoint = `${local.url}/graphql`;
}

const line = (who: string, action: string, reasons: string[], note = '') =>
  process.stdout.write(
    `${who.padEnd(24)} → ${action.padEnd(9)} reasons: ${reasons.length ? reasons.join(', ') : 'none'}${note}\n`,
  );

process.stdout.write(`Checking sign-ins against ${endpoint}\n\n`);
for (const { who, signals } of SIGN_INS) {
  const decision = await checkLogin(endpoint, signals);
  line(who, decision.action, decision.reasons, decision.partial ? '  (partial: a vendor could not be consulted)' : '');
}

process.stdout.write('\nPayments, judged by the "payment" checkpoint\n\n');
const taken: string[] = [];
for (const { who, signals } of PAYMENTS) {
  const decision = await checkPayment(endpoint, signals);
  line(who, decision.action, decision.reasons);
  if (decision.action !== 'BLOCK' && decision.eventId) taken.push(decision.eventId);
}

// Weeks later, the bank reports Grace's payment as a chargeback: the card was stolen.
const [charged] = taken;
if (charged) {
  const report = await reportChargeback(endpoint, { eventId: charged, accountId: 'acct-grace-7', caseId: 'CB-2041' });
  const vendors = report.vendors.map(
    ({ vendor, status, errorCode }) => `${vendor} ${status}${errorCode ? ` ${errorCode}` : ''}`,
  );
  process.stdout.write(
    `\nChargeback CB-2041 reported as FRAUD → ${vendors.join(', ')}${report.retryLater ? ' (retry later)' : ''}\n`,
  );
}
await local?.close();
