/** What DatoCMS does to other records because of a run, collected per field, and what remains. */
import type { LinkField } from './linkFields';

/** What DatoCMS does to other records because of the run (their fields' strategies). */
export type SideEffect = {
  readonly kind: 'unpublish' | 'remove_links';
  readonly field: LinkField;
  /** The records affected, in the order found. */
  readonly records: readonly string[];
  /** For each, the records of the run that cause it. */
  readonly causes: ReadonlyMap<string, readonly string[]>;
};

/** Side effects grouped by kind and field, each record once per group. */
export class SideEffects {
  private readonly groups = new Map<
    string,
    { kind: SideEffect['kind']; field: LinkField; causes: Map<string, string[]> }
  >();
  add(kind: SideEffect['kind'], field: LinkField, record: string, cause: string) {
    const key = `${kind}:${field.id}`;
    const group = this.groups.get(key) ?? { kind, field, causes: new Map<string, string[]>() };
    this.groups.set(key, group);
    const causes = group.causes.get(record) ?? [];
    if (!causes.includes(cause)) causes.push(cause);
    group.causes.set(record, causes);
  }
  merge(other: SideEffects) {
    for (const e of other.list())
      for (const [record, causes] of e.causes)
        for (const c of causes) this.add(e.kind, e.field, record, c);
  }
  list(): SideEffect[] {
    return [...this.groups.values()].map((g) => ({
      kind: g.kind,
      field: g.field,
      records: [...g.causes.keys()],
      causes: g.causes,
    }));
  }
}

/** The side effects that still happen once `blocked` records are left out of the run. */
export function effectsWithout(
  effects: readonly SideEffect[],
  blocked: ReadonlySet<string>,
): SideEffect[] {
  return effects.flatMap((e) => {
    const causes = new Map(
      [...e.causes]
        .map(([r, c]) => [r, c.filter((id) => !blocked.has(id))] as const)
        .filter(([, c]) => c.length > 0),
    );
    return causes.size > 0 ? [{ ...e, records: [...causes.keys()], causes }] : [];
  });
}
