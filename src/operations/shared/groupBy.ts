/** Groups ids by a per-id value (e.g. the tags an id gained) for inverse runs. */
export function groupBy<T>(
  ids: readonly string[],
  keyOf: (id: string) => T | undefined,
  keyString: (value: T) => string,
): Map<string, { value: T; ids: string[] }> {
  const groups = new Map<string, { value: T; ids: string[] }>();
  for (const id of ids) {
    const value = keyOf(id);
    if (value === undefined) continue;
    const k = keyString(value);
    const group = groups.get(k) ?? { value, ids: [] };
    group.ids.push(id);
    groups.set(k, group);
  }
  return groups;
}
