/** Items grouped by a key, in their order: `key → [value, …]` (the value is the item unless `valueOf` says otherwise). */
export function groupBy<T, K, V = T>(items: readonly T[], keyOf: (item: T, index: number) => K, valueOf?: (item: T, index: number) => V): Map<K, V[]> {
  const groups = new Map<K, V[]>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const key = keyOf(item, i);
    const value = valueOf ? valueOf(item, i) : (item as unknown as V);
    const list = groups.get(key);
    if (list) list.push(value);
    else groups.set(key, [value]);
  }
  return groups;
}
