/**
 * Seeded pairs of files for the delta algorithm: an old file (the basis the receiver has) and a
 * new one made from it by a named kind of edit, the same kinds the chapter runs through real rsync.
 */
import type { Rng } from '../random/index';

/** The kinds of edit between an old and a new file. */
export type EditKind = 'sin cambios' | 'inserción' | 'borrado' | 'añadido al final' | 'ruido aleatorio' | 'bloques movidos' | 'archivo distinto';

/** Every edit kind, in the order the chapter shows them. */
export const EDIT_KINDS: readonly EditKind[] = ['sin cambios', 'inserción', 'borrado', 'añadido al final', 'ruido aleatorio', 'bloques movidos', 'archivo distinto'];

/** An old file, a new one, and what was done to turn one into the other. */
export interface FilePair {
  readonly kind: EditKind;
  readonly basis: Uint8Array;
  readonly target: Uint8Array;
  /** What the edit did, in Spanish (for tables). */
  readonly description: string;
}

/** `n` seeded random bytes (4 per draw of `rng`). */
export function randomBytes(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 4) {
    const x = rng.int(0, 0xffffffff);
    out[i] = x & 0xff;
    if (i + 1 < n) out[i + 1] = (x >>> 8) & 0xff;
    if (i + 2 < n) out[i + 2] = (x >>> 16) & 0xff;
    if (i + 3 < n) out[i + 3] = (x >>> 24) & 0xff;
  }
  return out;
}

/** Digits grouped by thousands with a space from 10 000 up, as Spanish writes numbers. */
function groupDigits(n: number): string {
  return n >= 10_000 ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ') : String(n);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Applies one edit of `kind` to `basis` (never modified): insertions and deletions of 1–200 bytes
 * at 3 random places, 4 KiB appended, 10 single bytes overwritten, two regions of 5 % swapped, or
 * a whole new random file.
 */
export function editFile(basis: Uint8Array, kind: EditKind, rng: Rng): FilePair {
  const n = basis.length;
  const places = (count: number) => Array.from({ length: count }, () => rng.int(0, Math.max(0, n - 1))).sort((a, b) => a - b);
  switch (kind) {
    case 'sin cambios':
      return { kind, basis, target: basis.slice(), description: 'el mismo archivo' };
    case 'inserción': {
      const parts: Uint8Array[] = [];
      let from = 0;
      let added = 0;
      for (const at of places(3)) {
        const piece = randomBytes(rng, rng.int(1, 200));
        parts.push(basis.subarray(from, at), piece);
        added += piece.length;
        from = at;
      }
      parts.push(basis.subarray(from));
      return { kind, basis, target: concat(...parts), description: `3 inserciones, ${added} bytes en total` };
    }
    case 'borrado': {
      const parts: Uint8Array[] = [];
      let from = 0;
      let removed = 0;
      for (const at of places(3)) {
        if (at < from) continue;
        const cut = Math.min(rng.int(1, 200), n - at);
        parts.push(basis.subarray(from, at));
        removed += cut;
        from = at + cut;
      }
      parts.push(basis.subarray(from));
      return { kind, basis, target: concat(...parts), description: `3 borrados, ${removed} bytes en total` };
    }
    case 'añadido al final':
      return { kind, basis, target: concat(basis, randomBytes(rng, 4096)), description: '4 096 bytes añadidos al final' };
    case 'ruido aleatorio': {
      const target = basis.slice();
      for (const at of places(10)) target[at] = ((target[at] ?? 0) + rng.int(1, 255)) & 0xff;
      return { kind, basis, target, description: '10 bytes sueltos cambiados' };
    }
    case 'bloques movidos': {
      const size = Math.max(1, Math.floor(n * 0.05));
      const a = rng.int(0, Math.max(0, Math.floor(n / 2) - size));
      const b = rng.int(Math.floor(n / 2), Math.max(Math.floor(n / 2), n - size));
      const target = concat(basis.subarray(0, a), basis.subarray(b, b + size), basis.subarray(a + size, b), basis.subarray(a, a + size), basis.subarray(b + size));
      return { kind, basis, target, description: `dos trozos de ${groupDigits(size)} bytes intercambiados` };
    }
    case 'archivo distinto':
      return { kind, basis, target: randomBytes(rng, n), description: 'otro archivo aleatorio del mismo tamaño' };
  }
}

/** One {@link FilePair} per kind in `kinds` (default {@link EDIT_KINDS}), over one random basis of `size` bytes. */
export function editCases(rng: Rng, options: { size?: number; kinds?: readonly EditKind[] } = {}): FilePair[] {
  const basis = randomBytes(rng, options.size ?? 200_000);
  return (options.kinds ?? EDIT_KINDS).map((kind) => editFile(basis, kind, rng.fork(kind)));
}
