import type { JsonObject } from '../../json.ts';
import type { FpEvent } from './event.ts';

/**
 * The simulated workspace's rulesets, evaluated by `GET /v4/events/{event_id}?ruleset_id=`: the
 * first rule whose condition holds gives `rule_action`; when none does, the ruleset's default
 * action (`allow`, no rule). The shape follows Fingerprint's example answer with a ruleset
 * (`get_event_ruleset_200.json` in its OpenAPI repository): `type`, then `status_code`, `headers`
 * and `body` to block, or `request_header_modifications` to allow, and `ruleset_id`, `rule_id`,
 * `rule_expression`.
 */
interface Rule {
  id: string;
  /** As the dashboard shows it. */
  expression: string;
  holds(event: FpEvent): boolean;
  action: JsonObject;
}

const BLOCK: JsonObject = {
  type: 'block',
  status_code: 403,
  headers: [{ name: 'content-type', value: 'application/json' }],
  body: '{"error":"request refused"}',
};

const badBot: Rule = {
  id: 'r_sim_bad_bot',
  expression: 'bot == "bad"',
  holds: (event) => event.web?.bot === 'bad',
  action: BLOCK,
};

const tampered: Rule = {
  id: 'r_sim_tampering',
  expression: 'tampering || tampering_details.anti_detect_browser',
  holds: (event) => event.tampering.result || event.tampering.antiDetectBrowser,
  action: BLOCK,
};

const RULESETS: Readonly<Record<string, readonly Rule[]>> = {
  rs_sim_payments: [
    badBot,
    tampered,
    {
      id: 'r_sim_tor',
      expression: 'ip_blocklist.tor_node',
      holds: (event) => event.blocklist.torNode,
      action: BLOCK,
    },
    {
      id: 'r_sim_vpn_review',
      expression: 'vpn',
      holds: (event) => event.vpn.result,
      action: {
        type: 'allow',
        request_header_modifications: { set: [{ name: 'x-review', value: 'vpn' }] },
      },
    },
  ],
  rs_sim_signup: [
    badBot,
    {
      id: 'r_sim_emulator',
      expression: 'emulator || root_apps || jailbroken',
      holds: (event) =>
        Boolean(event.mobile && (event.mobile.emulator || event.mobile.rootApps || event.mobile.jailbroken)),
      action: BLOCK,
    },
  ],
};

/** The ids `ruleset_id` accepts. */
export const SIMULATED_RULESETS: readonly string[] = Object.keys(RULESETS);

/** The ruleset's `rule_action` for the event; undefined for a ruleset the workspace does not have. */
export function ruleAction(rulesetId: string, event: FpEvent): JsonObject | undefined {
  const rules = RULESETS[rulesetId];
  if (!rules) return undefined;
  const rule = rules.find((candidate) => candidate.holds(event));
  if (!rule) return { type: 'allow', ruleset_id: rulesetId };
  return { ...rule.action, ruleset_id: rulesetId, rule_id: rule.id, rule_expression: rule.expression };
}
