import type { DocumentedField } from '../descriptor.ts';

/**
 * Every response field the vendor documents, and where it goes (docs/vendors.md). To be filled:
 * see test/unit/vendors/documented-fields.test.ts.
 */
export const DOCUMENTED_FIELDS: readonly DocumentedField[] = [];
