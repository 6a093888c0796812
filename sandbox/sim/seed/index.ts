/** Builds a fresh store for a seed kind: 'demo' (full demo project) or 'empty' (schema only). */
import { Store } from '../store';
import { seedDemo } from './demo';
import type { Random } from './random';
import { seedSchema } from './schema';

export type SeedKind = 'demo' | 'empty';

export function buildStore(kind: SeedKind, random: Random): Store {
  const store = new Store();
  seedSchema(store);
  if (kind === 'demo') seedDemo(store, random);
  return store;
}
