import type { RecordFact } from '../recordFact';

/** A record fact for the record-check tests: named after its id. */
export const fact = (
  id: string,
  status: RecordFact['status'],
  parentId: string | null = null,
  links: string[] = [],
  stage: string | null = null,
): RecordFact => ({ id, name: `Name ${id}`, status, parentId, links, stage });

export const factsOf = (...list: RecordFact[]) => new Map(list.map((f) => [f.id, f]));
