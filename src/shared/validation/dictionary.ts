/**
 * Dictionaries keyed by user input (periods, codes) are null-prototype objects: a key such as
 * '__proto__', 'constructor' or 'toString' is then an ordinary missing entry, never a prototype member.
 */
export type Dictionary<T> = Record<string, T>;

export function dictionary<T>(entries: Iterable<readonly [string, T]> = []): Dictionary<T> {
  const dict = Object.create(null) as Dictionary<T>;
  for (const [key, value] of entries) dict[key] = value;
  return dict;
}

/** A copy of `dict` with `key` set (object spread would hand back an ordinary prototype). */
export function withEntry<T>(dict: Dictionary<T>, key: string, value: T): Dictionary<T> {
  return dictionary([...Object.entries(dict), [key, value] as const]);
}
