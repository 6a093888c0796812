/**
 * Concrete names for generic client types, so the schema generator can find them:
 * `ItemInstancesHrefSchema` with its default type parameter (meta filters and meta `order_by`).
 * Only read by generate-schemas.ts.
 */
import type { RawApiTypes } from '@datocms/cma-client';

export type ItemInstancesHref = RawApiTypes.ItemInstancesHrefSchema;
