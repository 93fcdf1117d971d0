/**
 * `Content-Disposition: attachment` with an ASCII fallback `filename` and the real (Chinese) name in
 * RFC 6266 / RFC 8187 `filename*=UTF-8''…`.
 */
export function attachment(filename: string, fallback: string): string {
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}
