import type { GraphQLResolveInfo } from 'graphql';
import type {
  DetectIpVerdict,
  FingerprintEvent,
  FriendlyCaptchaRiskIntelligence,
  HitprobeDevice,
  TrustDecisionDevice,
} from '../../generated/resolvers-types.ts';
import type { DetectIpView } from '../../vendors/detectip/view.ts';
import type { FingerprintView } from '../../vendors/fingerprint/view.ts';
import type { FriendlyCaptchaView } from '../../vendors/friendlycaptcha/view.ts';
import type { HitprobeView } from '../../vendors/hitprobe/view.ts';
import type { TrustDecisionView } from '../../vendors/trustdecision/view.ts';
import type { RequestContext } from '../context.ts';
import { after, consultOne, type Eventually } from './consult.ts';
import type { EventRef } from './event-ref.ts';

/** `T`, provided it satisfies the GraphQL type `U`: a compile-time proof per vendor view. */
type Satisfying<T extends U, U> = T;

/** The view each vendor's connector puts in its reports, proven to fit its GraphQL vendor type. */
export interface VendorViews {
  FINGERPRINT: Satisfying<FingerprintView, FingerprintEvent>;
  TRUSTDECISION: Satisfying<TrustDecisionView, TrustDecisionDevice>;
  FRIENDLY_CAPTCHA: Satisfying<FriendlyCaptchaView, FriendlyCaptchaRiskIntelligence>;
  DETECTIP: Satisfying<DetectIpView, DetectIpVerdict>;
  HITPROBE: Satisfying<HitprobeView, HitprobeDevice>;
}

/** The vendor's own view of an event, or null when not named, not found or failed. */
export function vendorView<V extends keyof VendorViews>(
  vendor: V,
  event: EventRef,
  context: RequestContext,
  info: GraphQLResolveInfo,
): Eventually<VendorViews[V] | null> {
  // Each connector is typed `VendorConnector<Lookup, VendorViews[V]>`, so its reports carry that view.
  return after(
    consultOne(context, event, vendor, info),
    (report) => (report?.view as VendorViews[V] | undefined) ?? null,
  );
}
