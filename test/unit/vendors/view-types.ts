import type {
  DetectIpVerdict,
  FingerprintEvent,
  FriendlyCaptchaRiskIntelligence,
  HitprobeDevice,
  TrustDecisionDevice,
} from '../../../src/generated/resolvers-types.ts';
import type { DetectIpView } from '../../../src/vendors/detectip/view.ts';
import type { FingerprintView } from '../../../src/vendors/fingerprint/view.ts';
import type { FriendlyCaptchaView } from '../../../src/vendors/friendlycaptcha/view.ts';
import type { HitprobeView } from '../../../src/vendors/hitprobe/view.ts';
import type { TrustDecisionView } from '../../../src/vendors/trustdecision/view.ts';

/**
 * Compile-time fit of each vendor's view to its GraphQL type: `Event.<view>` resolves to the
 * connector's `report.view` as is, so each view must satisfy the generated type. A view that
 * drifts from its SDL fails the type check here.
 */
type Satisfies<T extends U, U> = T;
export type VendorViewsFitTheSchema = [
  Satisfies<FingerprintView, FingerprintEvent>,
  Satisfies<TrustDecisionView, TrustDecisionDevice>,
  Satisfies<FriendlyCaptchaView, FriendlyCaptchaRiskIntelligence>,
  Satisfies<DetectIpView, DetectIpVerdict>,
  Satisfies<HitprobeView, HitprobeDevice>,
];
