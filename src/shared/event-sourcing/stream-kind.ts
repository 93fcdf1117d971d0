/**
 * One kind of stream (流类型): builds a stream id from its key and parses it back, so no code types a
 * prefix by hand. `target-<targetId>`, `warnings-<targetId>`, `deadlines-<planCode>`, …
 */
export interface StreamKind<Key extends string = string> {
  readonly prefix: string;
  /** The stream id of a key. */
  of(key: Key): string;
  /** True when the stream id is of this kind. */
  owns(streamId: string): boolean;
  /** The key of a stream id of this kind; undefined for another kind. */
  keyOf(streamId: string): Key | undefined;
}

export function streamKind<Key extends string = string>(name: string): StreamKind<Key> {
  const prefix = `${name}-`;
  return {
    prefix,
    of: (key) => `${prefix}${key}`,
    owns: (streamId) => streamId.startsWith(prefix),
    keyOf: (streamId) => (streamId.startsWith(prefix) ? (streamId.slice(prefix.length) as Key) : undefined),
  };
}
