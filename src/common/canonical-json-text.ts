/*
 * Canonical JSON without any Node import: the results verifier bundled for the browser uses it too, so a
 * manifest's digest is computed over exactly the same text there as on the server.
 */

/**
 * JSON with sorted keys and no whitespace, so equal values always hash equally (used by audit and manifests).
 * Keys sort by UTF-16 code units (as `<` compares strings); undefined members are left out, undefined array
 * items become null, as in JSON.stringify. Written as loops: it runs on every audited write.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new Error('Non-finite number in canonical JSON');
    return JSON.stringify(value) ?? 'null';
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i) out += ',';
      const item: unknown = value[i];
      out += canonicalJson(item === undefined ? null : item);
    }
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    if (out.length > 1) out += ',';
    out += JSON.stringify(key) + ':' + canonicalJson(member);
  }
  return out + '}';
}
