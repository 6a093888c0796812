/** Delete's record check: child records, and what each linking field does. */
import type { Prediction } from '../shared/types';
import { readChildren, readReferences } from '../shared/records/contextReads';
import { fieldName } from '../shared/records/linkFields';
import type {
  RecordCheckInput,
  RecordCheckResult,
  RecordChecks,
} from '../shared/records/recordCheckTypes';
import { emptiesRequired } from '../shared/records/reference';
import { SideEffects } from '../shared/records/sideEffects';
import { byDepth } from '../shared/records/tree';
import { names, plural, quoteList } from '../shared/records/wording';

function checkDestroy(input: RecordCheckInput): RecordCheckResult {
  const { ids, facts } = input;
  const inScope = new Set(ids);
  const overrides = new Map<string, Prediction>();
  const notes = new Map<string, string>();
  const effects = new SideEffects();
  for (const id of ids) {
    // Links from records outside the scope (in either version): what their fields do.
    const outside = (input.references?.get(id) ?? []).filter((r) => !inScope.has(r.referrer));
    const failing = outside.filter((r) => r.field.onDelete === 'fail');
    const required = outside.filter(
      (r) => r.field.onDelete === 'delete_references' && emptiesRequired(r, inScope),
    );
    if (failing.length > 0 || required.length > 0) {
      const first = failing[0] ?? required[0]!;
      const referrers = [...new Set([...failing, ...required].map((r) => r.referrer))];
      overrides.set(id, {
        outcome: 'blocked',
        code: 'DELETE_RESTRICTION',
        reason: failing.length
          ? `Linked from ${plural(referrers.length, 'record', 'records')} outside this selection (${names(referrers, facts)}) in “${fieldName(first.field)}”, which refuses deleting linked records.`
          : `Linked from ${names(referrers, facts)} in the required field “${fieldName(first.field)}”: removing the link would leave it empty, so DatoCMS refuses.`,
      });
      continue;
    }
    const kids = (input.children?.get(id) ?? []).filter((c) => !inScope.has(c));
    if (kids.length > 0) {
      overrides.set(id, {
        outcome: 'blocked',
        code: 'DELETE_RESTRICTION',
        reason: `It has ${plural(kids.length, 'child record', 'child records')} outside this selection (${quoteList(
          kids.map((c) => facts.get(c)?.name ?? c),
          kids.length,
        )}).`,
      });
      continue;
    }
    const referrers = [...new Set(outside.map((r) => r.referrer))];
    for (const r of outside) effects.add('remove_links', r.field, r.referrer, id);
    if (referrers.length > 0) notes.set(id, `Its links in ${names(referrers, facts)} are removed.`);
  }
  // Children before parents, and a linked record after the records that link to it.
  return {
    overrides,
    notes,
    offered: [],
    runOrder: byDepth(ids, facts, 'children-first'),
    sideEffects: effects.list(),
  };
}

export const destroyRecordChecks: RecordChecks = {
  // Tree models: every record (for the children); then the records linking to the scope's.
  async read(reads, model, scope) {
    const facts = new Map(scope);
    const children = model.tree ? await readChildren(reads, model, facts) : undefined;
    const references = await readReferences(reads, model, scope, facts, false);
    return { facts, references, ...(children ? { children } : {}) };
  },
  check: checkDestroy,
};
