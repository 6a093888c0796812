/** Publish's record check: unpublished parents and linked records, offered to the run. */
import type { Prediction } from '../shared/types';
import type {
  Inclusion,
  RecordCheckInput,
  RecordCheckResult,
  RecordChecks,
} from '../shared/records/recordCheckTypes';
import { readMissing } from '../shared/records/contextReads';
import { isLive, type RecordFact } from '../shared/records/recordFact';
import { byDepth } from '../shared/records/tree';
import { plural, quoteList } from '../shared/records/wording';

function checkPublish(input: RecordCheckInput): Omit<RecordCheckResult, 'sideEffects'> {
  const { ids, facts, include } = input;
  const inScope = new Set(ids);
  const overrides = new Map<string, Prediction>();
  const notes = new Map<string, string>();
  const parents: string[] = [];
  const links: string[] = [];
  const seenParent = new Set<string>();
  const seenLink = new Set<string>();
  for (const id of ids) {
    const fact = facts.get(id);
    if (!fact || fact.status === 'published') continue;
    // Unpublished ancestors outside the scope: the API refuses the record (UNPUBLISHED_PARENT).
    const chain: RecordFact[] = [];
    let parentId = fact.parentId;
    while (parentId && !inScope.has(parentId) && !seenParent.has(parentId)) {
      const parent = facts.get(parentId);
      if (!parent || isLive(parent)) break;
      chain.push(parent);
      parentId = parent.parentId;
    }
    for (const p of chain) {
      seenParent.add(p.id);
      parents.push(p.id);
    }
    const blockedBy =
      fact.parentId && !inScope.has(fact.parentId) ? facts.get(fact.parentId) : null;
    if (blockedBy && !isLive(blockedBy) && !include.has('parents'))
      overrides.set(id, {
        outcome: 'blocked',
        code: 'UNPUBLISHED_PARENT',
        reason: `Its parent “${blockedBy.name}” is not published: add the unpublished parents to the run, or publish them first.`,
      });
    const draftLinks = fact.links.filter(
      (l) => !inScope.has(l) && facts.has(l) && !isLive(facts.get(l)),
    );
    for (const l of draftLinks)
      if (!seenLink.has(l)) {
        seenLink.add(l);
        links.push(l);
      }
    if (draftLinks.length > 0 && !include.has('links'))
      notes.set(
        id,
        `Links to ${plural(draftLinks.length, 'record', 'records')} that ${draftLinks.length === 1 ? 'is' : 'are'} not published (${quoteList(
          draftLinks.map((l) => facts.get(l)?.name ?? l),
          draftLinks.length,
        )}).`,
      );
  }
  const offered: Inclusion[] = [];
  if (parents.length > 0)
    offered.push({
      kind: 'parents',
      ids: byDepth(parents, facts, 'parents-first'),
      label: `Also publish the ${plural(parents.length, 'unpublished parent record', 'unpublished parent records')} (published first, so their children can follow)`,
    });
  const extraLinks = links.filter((l) => !seenParent.has(l));
  // A linked record in a tree model needs its own unpublished ancestors, or the API refuses it
  // (UNPUBLISHED_PARENT): they come with the linked records.
  const linkSet = new Set(extraLinks);
  const linkParents: string[] = [];
  for (const l of extraLinks) {
    let parentId = facts.get(l)?.parentId ?? null;
    while (parentId && !inScope.has(parentId) && !linkSet.has(parentId)) {
      const parent = facts.get(parentId);
      if (!parent || isLive(parent)) break;
      linkSet.add(parentId);
      linkParents.push(parentId);
      parentId = parent.parentId;
    }
  }
  if (extraLinks.length > 0)
    offered.push({
      kind: 'links',
      ids: byDepth([...linkParents, ...extraLinks], facts, 'parents-first'),
      label:
        `Also publish the ${plural(extraLinks.length, 'linked record', 'linked records')} that ${extraLinks.length === 1 ? 'is' : 'are'} not published` +
        (linkParents.length > 0
          ? `, with their ${plural(linkParents.length, 'unpublished parent record', 'unpublished parent records')}`
          : ''),
    });
  // A parent can be offered twice (by a scope record and by a linked record): sent once.
  const added = [...new Set(offered.filter((o) => include.has(o.kind)).flatMap((o) => o.ids))];
  return {
    overrides,
    notes,
    offered,
    runOrder: [...byDepth(added, facts, 'parents-first'), ...byDepth(ids, facts, 'parents-first')],
  };
}

export const publishRecordChecks: RecordChecks = {
  // The linked records, then up the tree, one level per round, until every unpublished ancestor
  // is known: the scope's and the linked records' (the facts hold both then).
  async read(reads, _model, scope) {
    const facts = new Map(scope);
    await readMissing(
      reads,
      facts,
      [...scope.values()].flatMap((f) => f.links),
    );
    let frontier = [...facts.values()].flatMap((f) => (f.parentId ? [f.parentId] : []));
    for (let depth = 0; depth < 50 && frontier.length > 0; depth++) {
      await readMissing(reads, facts, frontier);
      frontier = frontier.flatMap((id) => {
        const f = facts.get(id);
        return f && f.status === 'draft' && f.parentId && !facts.has(f.parentId)
          ? [f.parentId]
          : [];
      });
    }
    return { facts };
  },
  check: (input) => ({ ...checkPublish(input), sideEffects: [] }),
};
