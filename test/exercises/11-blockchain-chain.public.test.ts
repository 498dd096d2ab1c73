// Public checks of exercises 11.1 (validateChain) and 11.2 (hashMeetsTarget): one per requirement of their Spanish statements.
import { expect } from 'vitest';
import { blockHash, merkleRootOf } from '../../lib/blockchain/block';
import type { Block } from '../../lib/blockchain/block';
import { hashMeetsTarget, validateChain } from '../../lib/blockchain/exercises';
import { demoChain } from '../../lib/blockchain/tamper';
import { check } from './check';

const chain = demoChain({ seed: 'publico-11', length: 6, zeroBits: 4 });
const replace = (blocks: readonly Block[], i: number, block: Block) => blocks.map((b, k) => (k === i ? block : b));
const rehash = (b: Block): Block => ({ ...b, hash: blockHash(b) });
const withTx = (b: Block): Block => ({ ...b, transactions: b.transactions.map((t, k) => (k === b.transactions.length - 1 ? { ...t, amount: t.amount + 1 } : t)) });

check('11.1', 'una cadena válida da null', () => {
  expect(validateChain(chain)).toBeNull();
  expect(validateChain(replace(chain, 2, withTx(chain[2]!)))).not.toBeNull();
}, { hint: 'Si ningún bloque falla, devuelve null; si alguno falla, un objeto { index, reason }.' });

check('11.1', 'la lista vacía da null', () => {
  expect(validateChain([])).toBeNull();
  expect(validateChain([{ ...chain[0]!, index: 1 }])).toEqual({ index: 0, reason: 'indice' });
}, { hint: 'Una cadena sin bloques no tiene ningún bloque que falle.' });

check('11.1', "un index que no es la posición da 'indice'", () => {
  expect(validateChain(replace(chain, 3, rehash({ ...chain[3]!, index: 7 })))).toEqual({ index: 3, reason: 'indice' });
}, { hint: 'Compara block.index con la posición i del bloque en la lista.' });

check('11.1', "un previousHash que no es el hash del anterior da 'enlace' (también en el génesis)", () => {
  expect(validateChain(chain.slice(1).map((b, i) => rehash({ ...b, index: i })))).toEqual({ index: 0, reason: 'enlace' });
  const other = demoChain({ seed: 'otra-11', length: 3, zeroBits: 4 });
  expect(validateChain([...chain.slice(0, 2), { ...other[2]!, index: 2 }])).toEqual({ index: 2, reason: 'enlace' });
}, { hint: 'El génesis enlaza con ZERO_HASH; los demás, con el hash guardado del bloque anterior.' });

check('11.1', "una transacción cambiada da 'contenido'", () => {
  expect(validateChain(replace(chain, 2, withTx(chain[2]!)))).toEqual({ index: 2, reason: 'contenido' });
  expect(validateChain(replace(chain, 0, withTx(chain[0]!)))).toEqual({ index: 0, reason: 'contenido' });
}, { hint: 'Recalcula merkleRootOf(block.transactions) y compáralo con block.merkleRoot.' });

check('11.1', "una cabecera cambiada sin recalcular el hash da 'hash'", () => {
  expect(validateChain(replace(chain, 4, { ...chain[4]!, timestamp: chain[4]!.timestamp + 1 }))).toEqual({ index: 4, reason: 'hash' });
  expect(validateChain(replace(chain, 1, { ...chain[1]!, nonce: chain[1]!.nonce + 1 }))).toEqual({ index: 1, reason: 'hash' });
}, { hint: 'Recalcula blockHash(block) y compáralo con block.hash.' });

check('11.1', "un hash con menos bits a cero de los que pide zeroBits da 'trabajo'", () => {
  const last = chain.length - 1;
  expect(validateChain(replace(chain, last, rehash({ ...chain[last]!, zeroBits: 200 })))).toEqual({ index: last, reason: 'trabajo' });
  expect(validateChain(replace(chain, last, rehash({ ...chain[last]!, zeroBits: 0 })))).toBeNull();
}, { hint: 'Mira leadingZeroBits(block.hash) frente a block.zeroBits: «al menos» incluye el igual.' });

check('11.1', 'devuelve el primer bloque que falla, no otro', () => {
  const two = replace(replace(chain, 4, withTx(chain[4]!)), 2, { ...chain[2]!, timestamp: 1 });
  expect(validateChain(two)).toEqual({ index: 2, reason: 'hash' });
}, { hint: 'Recorre desde el génesis y para en el primer fallo.' });

check('11.1', 'en un bloque, da la primera comprobación que falla, en el orden del enunciado', () => {
  const b = chain[3]!;
  const tx = withTx(b);
  expect(validateChain(replace(chain, 3, { ...tx, index: 9 }))).toEqual({ index: 3, reason: 'indice' });
  expect(validateChain(replace(chain, 3, { ...tx, previousHash: chain[1]!.hash }))).toEqual({ index: 3, reason: 'enlace' });
  expect(validateChain(replace(chain, 3, { ...tx, timestamp: 5 }))).toEqual({ index: 3, reason: 'contenido' });
  const noWork = { ...b, timestamp: 5, zeroBits: 200 };
  expect(validateChain(replace(chain, 3, noWork))).toEqual({ index: 3, reason: 'hash' });
  expect(merkleRootOf(b.transactions)).toBe(b.merkleRoot);
}, { hint: 'El orden es índice, enlace, contenido, hash y trabajo: devuelve la primera que falle.' });

check('11.1', 'no modifica blocks', () => {
  const copy = chain.map((b) => ({ ...b, transactions: b.transactions.map((t) => ({ ...t })) }));
  const before = JSON.stringify(copy);
  const bad = replace(copy, 2, withTx(copy[2]!));
  const beforeBad = JSON.stringify(bad);
  expect(validateChain(copy)).toBeNull();
  expect(validateChain(bad)).toEqual({ index: 2, reason: 'contenido' });
  expect(JSON.stringify(copy)).toBe(before);
  expect(JSON.stringify(bad)).toBe(beforeBad);
}, { hint: 'Solo lee los bloques: no cambies ningún campo ni la lista.' });

const hex = (n: bigint) => n.toString(16).padStart(64, '0');
const T1d = 0xffffn << 208n;

check('11.2', 'el ejemplo del enunciado: bits 0x1d00ffff', () => {
  expect(hashMeetsTarget(hex(T1d), 0x1d00ffff)).toBe(true);
  expect(hashMeetsTarget(hex(1n << 224n), 0x1d00ffff)).toBe(false);
  expect(hashMeetsTarget(hex(T1d - 12345n), 0x1d00ffff)).toBe(true);
}, { hint: 'El objetivo es m × 256^(e − 3) con e = bits >>> 24 y m = bits & 0x007fffff.' });

check('11.2', 'un hash menor vale y uno mayor no', () => {
  const t = 0x0404cbn << 192n; // bits 0x1b0404cb
  expect(hashMeetsTarget(hex(t / 3n), 0x1b0404cb)).toBe(true);
  expect(hashMeetsTarget(hex(t * 2n), 0x1b0404cb)).toBe(false);
  expect(hashMeetsTarget('f'.repeat(64), 0x1b0404cb)).toBe(false);
  expect(hashMeetsTarget('0'.repeat(64), 0x1b0404cb)).toBe(true);
}, { hint: 'Compara el hash como número de 256 bits (BigInt), no como texto corto ni como number.' });

check('11.2', 'un hash igual al objetivo vale; el siguiente, no', () => {
  const t = 0x05a3f4n << 200n; // bits 0x1c05a3f4
  expect(hashMeetsTarget(hex(t), 0x1c05a3f4)).toBe(true);
  expect(hashMeetsTarget(hex(t + 1n), 0x1c05a3f4)).toBe(false);
}, { hint: 'La regla es «menor o igual»: un hash igual al objetivo vale.' });

check('11.2', 'con e < 3 la mantisa se desplaza a la derecha; con e = 0 el objetivo es 0', () => {
  expect(hashMeetsTarget(hex(0x1234n), 0x02123456)).toBe(true);
  expect(hashMeetsTarget(hex(0x1235n), 0x02123456)).toBe(false);
  expect(hashMeetsTarget(hex(0x12n), 0x01123456)).toBe(true);
  expect(hashMeetsTarget(hex(0x13n), 0x01123456)).toBe(false);
  expect(hashMeetsTarget(hex(0n), 0x00123456)).toBe(true);
  expect(hashMeetsTarget(hex(1n), 0x00123456)).toBe(false);
}, { hint: 'Si e < 3, el objetivo es m >> (8 × (3 − e)): los bytes que no caben se pierden.' });

check('11.2', 'con e = 3 el objetivo es la mantisa', () => {
  expect(hashMeetsTarget(hex(0x123456n), 0x03123456)).toBe(true);
  expect(hashMeetsTarget(hex(0x123457n), 0x03123456)).toBe(false);
}, { hint: 'Con e = 3, 256^(e − 3) = 1.' });

check('11.2', 'con un exponente grande el objetivo no cabe en un number', () => {
  const t = 0x7fffffn << 232n; // bits 0x207fffff
  expect(hashMeetsTarget(hex(t), 0x207fffff)).toBe(true);
  expect(hashMeetsTarget(hex(t + 1n), 0x207fffff)).toBe(false);
  expect(hashMeetsTarget(hex(t - 1n), 0x207fffff)).toBe(true);
}, { hint: 'Un number solo tiene 53 bits exactos: haz todas las cuentas con BigInt.' });

check('11.2', 'una mantisa 0 da objetivo 0', () => {
  expect(hashMeetsTarget('0'.repeat(64), 0x1d000000)).toBe(true);
  expect(hashMeetsTarget('0'.repeat(63) + '1', 0x1d000000)).toBe(false);
}, { hint: 'Con m = 0 el objetivo es 0, sea cual sea e.' });
