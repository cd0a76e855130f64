import type { VendorReport } from '../../model/report.ts';
import type { Vendor } from '../../model/vendor.ts';
import type { RiskLabel } from '../../risk/taxonomy.ts';
import type { VendorRegistry } from '../../vendors/registry.ts';

/** Facts of one kind from each report, keyed by vendor, for `mergeFacts`. */
export function factsOf<T>(
  reports: ReadonlyMap<Vendor, VendorReport>,
  pick: (report: VendorReport) => T | undefined,
): Map<Vendor, T> {
  const facts = new Map<Vendor, T>();
  for (const [vendor, report] of reports) {
    const value = pick(report);
    if (value) facts.set(vendor, value);
  }
  return facts;
}

/** Every vendor's labels, in registry order. */
export function labelsOf(reports: ReadonlyMap<Vendor, VendorReport>, registry: VendorRegistry): RiskLabel[] {
  return registry.names.flatMap((vendor) => reports.get(vendor)?.labels ?? []);
}
