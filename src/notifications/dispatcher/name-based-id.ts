import { createHash } from 'node:crypto';

/**
 * RFC 9562 version-5 (SHA-1, name-based) UUIDs in one namespace: the same ids as `uuid`'s `v5`, made
 * with node's hash instead of its JavaScript UTF-8 encoding and namespace parsing on every call — the
 * dispatcher makes one per notification and per delivery.
 */
export function nameBasedIds(namespace: string): (name: string) => string {
  const space = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (space.length !== 16) throw new TypeError(`not a UUID: ${namespace}`);
  return (name) => {
    const bytes = createHash('sha1').update(space).update(name, 'utf8').digest();
    bytes[6] = (bytes[6] & 0x0f) | 0x50;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.toString('hex', 0, 16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  };
}
