/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** The outcome of the action an event was about. */
export type Outcome =
  /** It was fraud or abuse (chargeback, account takeover, fake account). */
  | 'FRAUD'
  /** It was legitimate (a review cleared it, the customer confirmed it). */
  | 'LEGITIMATE';

/** What became of an event's action. */
export type ReportOutcomeInput = {
  /** The event, as `Event.id` gave it. */
  eventId: string | number;
  /** Your id for the user or session, at most 256 characters: links the event to it at the vendor. */
  linkedId?: string | null | undefined;
  /** What the action turned out to be. */
  outcome: Outcome;
  /**
   * Your tags for the event, a JSON object (at most 16 KiB as JSON). Sent as given: Fingerprint
   * replaces the tags the event holds with them, so send every tag you want kept.
   */
  tags?: unknown;
};

/** A recommended action. */
export type RiskAction =
  /** Let the action proceed. */
  | 'ALLOW'
  /** Refuse the action. */
  | 'BLOCK'
  /** Ask for more proof (captcha, MFA, step-up verification) or queue for review. */
  | 'CHALLENGE';

/**
 * Our vendor-neutral taxonomy of risk signals. Every documented vendor flag, label and value maps to
 * one of these; the mapping tables are in docs/vendors.md ("Risk taxonomy").
 */
export type RiskCode =
  /** Device attributes are inconsistent or abnormal. */
  | 'ABNORMAL_DEVICE'
  /** The device or IP address is on the checkpoint's allow list: the action is `ALLOW` unless the deny list matches too. */
  | 'ALLOWLISTED'
  /**
   * The connection hides where it comes from (VPN, Tor, proxy or a relay), without the vendor saying
   * which: use `VPN`, `PROXY` or `TOR` when a vendor names the kind.
   */
  | 'ANONYMOUS'
  /** An anti-detect browser was detected. */
  | 'ANTI_DETECT_BROWSER'
  /** Browser automation tooling (Selenium, Puppeteer, Playwright…) was detected. */
  | 'AUTOMATION'
  /** An automated client (bad bot) was detected. */
  | 'BOT'
  /** The app runs as a clone (app multi-instance tools). */
  | 'CLONED_APP'
  /** The IP address belongs to a hosting provider or data centre. */
  | 'DATACENTER_IP'
  /** A debugger is attached or debugging is enabled. */
  | 'DEBUGGER'
  /** The device or IP address is on the checkpoint's deny list: the action is `BLOCK`, whatever else is said. */
  | 'DENYLISTED'
  /** Developer tools are open or enabled. */
  | 'DEVELOPER_TOOLS'
  /** The app runs on an emulator or simulator. */
  | 'EMULATOR'
  /** The Frida instrumentation toolkit was detected. */
  | 'FRIDA'
  /** The device is part of a group-control farm (cloud phones). */
  | 'GROUP_CONTROL'
  /** A headless browser was detected. */
  | 'HEADLESS'
  /** The device generates unusually many requests. */
  | 'HIGH_ACTIVITY'
  /** The vendor's own overall risk score is high. */
  | 'HIGH_RISK_SCORE'
  /** A hooking framework (Xposed, Magisk hooks…) was detected. */
  | 'HOOKING_TOOL'
  /** The browser is in incognito or private mode. */
  | 'INCOGNITO'
  /** The IP address is on a spam or attack blocklist. */
  | 'IP_BLOCKLISTED'
  /** The iOS device is jailbroken. */
  | 'JAILBROKEN'
  /** The device location is spoofed. */
  | 'LOCATION_SPOOFING'
  /** Traffic to the vendor was intercepted (man in the middle). */
  | 'MITM'
  /** The mobile device has no SIM card. */
  | 'NO_SIM'
  /** The browser blocks fingerprinting (privacy-focused browser or settings). */
  | 'PRIVACY_SETTINGS'
  /** A proxy was detected. */
  | 'PROXY'
  /** The mobile device was factory reset recently. */
  | 'RECENT_FACTORY_RESET'
  /** The IP address belongs to a relay service (for example iCloud Private Relay). */
  | 'RELAY'
  /** The app was repackaged (re-signed). */
  | 'REPACKAGED'
  /** The vendor saw the same client payload sent again (its own replay evidence). */
  | 'REPLAYED'
  /** Risk tools (macro, device-changer, virtual-app tools…) are installed or running. */
  | 'RISK_TOOL'
  /** The Android device is rooted. */
  | 'ROOTED'
  /** A ruleset the checkpoint names, evaluated by the vendor, says to allow (a rule matched, or the ruleset's default). */
  | 'RULESET_ALLOW'
  /** A ruleset the checkpoint names, evaluated by the vendor, matched a rule whose action is to block. */
  | 'RULESET_BLOCK'
  /** The checkpoint names a vendor ruleset that could not be evaluated for this event; `evidence` says why. */
  | 'RULESET_NOT_EVALUATED'
  /** The vendor's probe or token looks misused (too old, reused, or created on another IP). */
  | 'SUSPECT_PROBE'
  /** The browser or device parameters were tampered with. */
  | 'TAMPERING'
  /** The device's time zone does not match its IP address's location. */
  | 'TIMEZONE_MISMATCH'
  /**
   * The vendor's token (a Friendly Captcha token, a Hitprobe probe whose only failed check is re-use)
   * was looked up before. Context, not evidence: the same honest user's token is re-used for minutes,
   * and retries, cache expiry and other replicas look it up again too, so the built-in policy gives it
   * no points.
   */
  | 'TOKEN_REUSED'
  /** The IP address is a Tor exit node. */
  | 'TOR'
  /** The IP address is in a country the site does not expect (outside the country it serves). */
  | 'UNEXPECTED_COUNTRY'
  /** A vendor label we do not know yet; `vendorCode` keeps the vendor's value. */
  | 'UNKNOWN'
  /**
   * The vendor recommends an action for this event, from its own thresholds or the rules configured
   * at the vendor: `severity` is `HIGH` for block, `MEDIUM` for challenge or review (allow raises
   * none). The risk policy can weigh each severity of it separately.
   */
  | 'VENDOR_ACTION'
  /** The client runs inside a virtual machine. */
  | 'VIRTUAL_MACHINE'
  /** A VPN or other anonymizing service was detected. */
  | 'VPN';

/**
 * The tokens that the vendors' client-side SDKs produced during one user action (login, signup,
 * checkout, payout). Give any subset: only vendors whose token is present can be consulted, and of
 * those only the ones whose data the query selects are called.
 */
export type SignalsInput = {
  /** detectip.ai session token: the value of the `botd_token` cookie set by its collector. */
  detectIpToken?: string | null | undefined;
  /**
   * Fingerprint `requestId` from the JS agent or mobile SDK, which is the Server API v4 `event_id`
   * (for example `1708102555327.NLOjmg`).
   */
  fingerprintEventId?: string | number | null | undefined;
  /**
   * A Fingerprint sealed result (base64), decrypted locally with `FINGERPRINT_SEALED_KEYS`; no
   * Fingerprint API call is made. When both are given, the sealed result wins (unless no keys are
   * configured). `Event.id` keeps the event id it contains, not the sealed result.
   */
  fingerprintSealedResult?: string | null | undefined;
  /** Friendly Captcha risk-intelligence token (`frc-risk-intelligence-token`), valid until it expires (about 15 minutes). */
  friendlyCaptchaToken?: string | null | undefined;
  /** Hitprobe `probe_id` (22 characters) from its on-page agent. */
  hitprobeProbeId?: string | null | undefined;
  /**
   * The client IP address your backend saw for this request (IPv4 or IPv6). Sent to Hitprobe so it
   * can check `probe_ip_match`; never logged.
   */
  ip?: string | null | undefined;
  /**
   * TrustDecision `blackBox` from its SDK: 26 characters normally, up to about 5,000 when the SDK
   * could not reach TrustDecision and packed the device data into the token ("degraded").
   */
  trustDecisionBlackBox?: string | null | undefined;
};

/** Outcome of consulting one vendor. */
export type SourceState =
  /** The vendor answered something we could not understand (not JSON, truncated, wrong shape). */
  | 'BAD_RESPONSE'
  /** The vendor has no credentials in this deployment. */
  | 'NOT_CONFIGURED'
  /** The vendor does not know the token (never existed, expired from retention, or belongs to another account). */
  | 'NOT_FOUND'
  /** The vendor answered and its data is in the response. */
  | 'OK'
  /**
   * The vendor answered, but some parts of its answer failed (the error names them, for example a
   * Fingerprint product that hit its rate limit): the data that came is in the response, the rest is
   * null, and the verdict counts this vendor as not fully consulted.
   */
  | 'PARTIAL'
  /** The account's plan quota with the vendor is exhausted. */
  | 'QUOTA_EXCEEDED'
  /** The vendor (or our own rate limiter for it) refused the call for now. */
  | 'RATE_LIMITED'
  /** No selected field needed this vendor, so it was not called. */
  | 'SKIPPED'
  /** The vendor did not answer within the request deadline. */
  | 'TIMEOUT'
  /** The token expired before it was used (ask the client for a fresh one). */
  | 'TOKEN_EXPIRED'
  /** The vendor rejected the token as malformed or foreign. */
  | 'TOKEN_INVALID'
  /** The vendor failed, is unreachable, rejected our credentials, or its circuit breaker is open. */
  | 'UNAVAILABLE';

/**
 * The device-intelligence vendors this subgraph can consult. Every unified value records which of
 * these supplied it (see `provenance`), and `Event.sources` reports what happened with each of them.
 */
export type Vendor =
  /** detectip.ai verdict API, fed by the session token of its collector (cookie `botd_token`). */
  | 'DETECTIP'
  /** Fingerprint Server API (v4, or v3 for accounts not yet migrated), and locally unsealed Fingerprint results. */
  | 'FINGERPRINT'
  /** Friendly Captcha Risk Intelligence retrieve API, fed by a risk-intelligence token. */
  | 'FRIENDLY_CAPTCHA'
  /** Hitprobe event API, fed by the `probe_id` of its agent. Each call records an event at Hitprobe. */
  | 'HITPROBE'
  /** TrustDecision (TongDun) Device Information Query API, fed by the `black_box` of its SDK. */
  | 'TRUSTDECISION';

export type ReportChargebackMutationVariables = Exact<{
  input: ReportOutcomeInput;
}>;


export type ReportChargebackMutation = { reportOutcome: { sources: Array<{ vendor: Vendor, status: SourceState, errorCode: string | null }> } };

export type LoginRiskQueryVariables = Exact<{
  signals: SignalsInput;
}>;


export type LoginRiskQuery = { event: { risk: { action: RiskAction, reasons: Array<{ code: RiskCode }> } | null } };

export type PaymentRiskQueryVariables = Exact<{
  signals: SignalsInput;
}>;


export type PaymentRiskQuery = { event: { id: string, risk: { action: RiskAction, policyVersion: string, reasons: Array<{ code: RiskCode, rule: string }> } | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const ReportChargebackDocument = new TypedDocumentString(`
    mutation ReportChargeback($input: ReportOutcomeInput!) {
  reportOutcome(input: $input) {
    sources {
      vendor
      status
      errorCode
    }
  }
}
    `) as unknown as TypedDocumentString<ReportChargebackMutation, ReportChargebackMutationVariables>;
export const LoginRiskDocument = new TypedDocumentString(`
    query LoginRisk($signals: SignalsInput!) {
  event(signals: $signals) {
    risk {
      action
      reasons {
        code
      }
    }
  }
}
    `) as unknown as TypedDocumentString<LoginRiskQuery, LoginRiskQueryVariables>;
export const PaymentRiskDocument = new TypedDocumentString(`
    query PaymentRisk($signals: SignalsInput!) {
  event(signals: $signals) {
    id
    risk(checkpoint: "payment") {
      action
      policyVersion
      reasons {
        code
        rule
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PaymentRiskQuery, PaymentRiskQueryVariables>;