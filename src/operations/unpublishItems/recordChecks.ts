/** Unpublish's record check: published children, and what each linking field does. */
import type { Prediction } from '../shared/types';
import { readChildren, readReferences } from '../shared/records/contextReads';
import { fieldName } from '../shared/records/linkFields';
import type {
  Inclusion,
  RecordCheckInput,
  RecordCheckResult,
  RecordChecks,
} from '../shared/records/recordCheckTypes';
import { isLive } from '../shared/records/recordFact';
import { emptiesRequired } from '../shared/records/reference';
import { SideEffects } from '../shared/records/sideEffects';
import { byDepth, descendantsOf } from '../shared/records/tree';
import { names, plural, quoteList } from '../shared/records/wording';

/**
 * What unpublishing `id` does through the live records linking to it, following `unpublish`
 * strategies to the records they take offline too (and their own linking records).
 */
function unpublishOutcome(
  id: string,
  input: RecordCheckInput,
  offline: ReadonlySet<string>,
  effects: SideEffects,
  visiting: Set<string>,
  cause: string,
  top = true,
): { blocked: string } | { notes: string[] } {
  visiting.add(id);
  const notes: string[] = [];
  const refs = (input.references?.get(id) ?? []).filter(
    (r) => !offline.has(r.referrer) && isLive(input.facts.get(r.referrer)),
  );
  const name = (r: string) => `“${input.facts.get(r)?.name ?? r}”`;
  const failing = refs.filter((r) => r.field.onUnpublish === 'fail');
  if (failing.length > 0) {
    const referrers = [...new Set(failing.map((r) => r.referrer))];
    const fields = [...new Set(failing.map((r) => `“${fieldName(r.field)}”`))];
    return {
      blocked: `${plural(referrers.length, 'published record', 'published records')} outside this selection ${referrers.length === 1 ? 'links' : 'link'} to ${top ? 'it' : name(id)} (${names(referrers, input.facts)}) in ${fields.join(' and ')}, which ${fields.length === 1 ? 'refuses' : 'refuse'} unpublishing linked records.`,
    };
  }
  for (const r of refs) {
    const field = `“${fieldName(r.field)}”`;
    if (r.field.onUnpublish === 'delete_references') {
      if (emptiesRequired(r, offline))
        return {
          blocked: `${name(r.referrer)} links to ${top ? 'it' : name(id)} in the required field ${field}: removing the link would leave it empty, so DatoCMS refuses.`,
        };
      effects.add('remove_links', r.field, r.referrer, cause);
      continue;
    }
    // `unpublish`: the linking record goes offline too, with what that entails in its turn.
    if (!visiting.has(r.referrer)) {
      const next = unpublishOutcome(r.referrer, input, offline, effects, visiting, cause, false);
      if ('blocked' in next)
        return {
          blocked: `${name(r.referrer)} would be unpublished with it (${field}), but cannot be: ${next.blocked}`,
        };
    }
    effects.add('unpublish', r.field, r.referrer, cause);
    notes.push(`${name(r.referrer)} is unpublished too (${field}).`);
  }
  return { notes };
}

function checkUnpublish(input: RecordCheckInput): RecordCheckResult {
  const { ids, facts, include } = input;
  const children = input.children ?? new Map<string, readonly string[]>();
  const inScope = new Set(ids);
  const overrides = new Map<string, Prediction>();
  const notes = new Map<string, string>();
  const effects = new SideEffects();
  const extra: string[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (!isLive(facts.get(id))) continue;
    // Live records outside the scope that link to it: what their fields do.
    const scoped = new SideEffects();
    const outcome = unpublishOutcome(id, input, inScope, scoped, new Set(), id);
    if ('blocked' in outcome) {
      overrides.set(id, { outcome: 'blocked', code: 'REFERENCED', reason: outcome.blocked });
      continue;
    }
    effects.merge(scoped);
    const removed = scoped.list().filter((e) => e.kind === 'remove_links');
    const linkNote = removed.length
      ? `Its links in ${names([...new Set(removed.flatMap((e) => e.records))], facts)} are removed.`
      : '';
    const note = [...outcome.notes, linkNote].filter(Boolean).join(' ');
    if (note) notes.set(id, note);
    // Published descendants outside the scope: the API refuses the record (PUBLISHED_CHILDREN).
    const live = descendantsOf(id, children).filter((d) => !inScope.has(d) && isLive(facts.get(d)));
    if (live.length === 0) continue;
    for (const d of live)
      if (!seen.has(d)) {
        seen.add(d);
        extra.push(d);
      }
    if (!include.has('children'))
      overrides.set(id, {
        outcome: 'blocked',
        code: 'PUBLISHED_CHILDREN',
        reason: `It has ${plural(live.length, 'published child record', 'published child records')} outside this selection (${quoteList(
          live.map((d) => facts.get(d)?.name ?? d),
          live.length,
        )}).`,
      });
  }
  const offered: Inclusion[] =
    extra.length > 0
      ? [
          {
            kind: 'children',
            ids: byDepth(extra, facts, 'children-first'),
            label: `Also unpublish their ${plural(extra.length, 'published child record', 'published child records')} (unpublished first)`,
          },
        ]
      : [];
  const added = include.has('children') ? extra : [];
  return {
    overrides,
    notes,
    offered,
    runOrder: byDepth([...added, ...ids], facts, 'children-first'),
    sideEffects: effects.list(),
  };
}

export const unpublishRecordChecks: RecordChecks = {
  // Tree models: every record (for the children); then the records linking to the scope's.
  async read(reads, model, scope) {
    const facts = new Map(scope);
    const children = model.tree ? await readChildren(reads, model, facts) : undefined;
    const references = await readReferences(reads, model, scope, facts, true);
    return { facts, references, ...(children ? { children } : {}) };
  },
  check: checkUnpublish,
};
