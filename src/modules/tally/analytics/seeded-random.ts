/**
 * A small, well-studied generator (sfc32, from PractRand) seeded from a hex digest, for bootstrap
 * resampling that anyone can repeat: the same digest gives the same sequence on every machine.
 * Not for secrets.
 */
export function seededRandom(seed: string): () => number {
  const hex = /^[0-9a-f]{32,}$/i.test(seed) ? seed : fnvHex(seed);
  let a = parseInt(hex.slice(0, 8), 16) >>> 0;
  let b = parseInt(hex.slice(8, 16), 16) >>> 0;
  let c = parseInt(hex.slice(16, 24), 16) >>> 0;
  let d = parseInt(hex.slice(24, 32), 16) >>> 0 || 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs of sfc32 still echo the seed: discard them, as its author recommends.
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** A 128-bit hex string from a text (FNV-1a over four lanes), for seeds that are not digests. */
function fnvHex(text: string): string {
  let out = '';
  for (let lane = 0; lane < 4; lane++) {
    let hash = (0x811c9dc5 ^ lane) >>> 0;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    out += hash.toString(16).padStart(8, '0');
  }
  return out;
}
