import type { BindContext } from '../shared/binding';
import { createStatusOperation } from '../shared/itemStatus';

export default (ctx: BindContext) =>
  createStatusOperation(ctx, { kind: 'unpublish', inverseId: 'items.publish' });
