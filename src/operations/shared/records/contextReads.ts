/** The reads record checks share: missing records, a tree model's children, linking records. */
import { isLive, recordFact, type RecordFact } from './recordFact';
import type { ReadModel, RecordReads } from './recordReads';
import type { Reference } from './reference';
import { childrenIndex } from './tree';

/** Reads the records of `ids` not in `facts` yet into it; returns the ids it asked for. */
export async function readMissing(
  reads: RecordReads,
  facts: Map<string, RecordFact>,
  ids: Iterable<string>,
): Promise<string[]> {
  const missing = [...new Set(ids)].filter((id) => !facts.has(id));
  for (const e of await reads.byIds(missing)) facts.set(e.id, recordFact(e));
  return missing;
}

/** Every record of a tree model into `facts`, and each record's children. */
export async function readChildren(
  reads: RecordReads,
  model: ReadModel,
  facts: Map<string, RecordFact>,
): Promise<Map<string, string[]>> {
  const all = (await reads.allOfModel(model.id)).map((e) => recordFact(e));
  for (const f of all) if (!facts.has(f.id)) facts.set(f.id, f);
  return childrenIndex(all);
}

/**
 * The links to the scope's records, their linking records into `facts`. With `followUnpublish`,
 * a field set to `unpublish` takes its linking records offline too: their own linking records
 * are looked up in the next round (a few rounds at most).
 */
export async function readReferences(
  reads: RecordReads,
  model: ReadModel,
  scope: ReadonlyMap<string, RecordFact>,
  facts: Map<string, RecordFact>,
  followUnpublish: boolean,
): Promise<Map<string, readonly Reference[]>> {
  const references = new Map<string, readonly Reference[]>();
  let targets = new Map([[model.id, [...scope.keys()]]]);
  for (let round = 0; round < 5 && targets.size > 0; round++) {
    const found = await reads.references(targets);
    for (const e of found.referrers.values()) if (!facts.has(e.id)) facts.set(e.id, recordFact(e));
    for (const [target, refs] of found.references) references.set(target, refs);
    if (!followUnpublish) break;
    const next = new Map<string, string[]>();
    for (const refs of found.references.values())
      for (const r of refs) {
        const f = facts.get(r.referrer);
        if (
          r.field.onUnpublish === 'unpublish' &&
          isLive(f) &&
          !scope.has(r.referrer) &&
          !references.has(r.referrer) &&
          f?.itemTypeId
        )
          next.set(f.itemTypeId, [...new Set([...(next.get(f.itemTypeId) ?? []), r.referrer])]);
      }
    // Marks them as looked up, so a cycle stops.
    for (const ids of next.values()) for (const id of ids) references.set(id, []);
    targets = next;
  }
  return references;
}
