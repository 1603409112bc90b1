import { createHash } from 'node:crypto';

export { canonicalJson } from './canonical-json-text.js';

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
