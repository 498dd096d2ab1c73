/**
 * Chapter 11's chain exercises, as pure functions over plain data: validating a list of blocks
 * (11.1) and Bitcoin's proof-of-work check against compact bits (11.2). The library keeps its
 * own versions (`chainStatus` in validate.ts, `meetsCompactTarget` in target.ts); these are
 * called only by the chapter's exercise cells and the checks.
 */
import { blockHash, leadingZeroBits, merkleRootOf } from './block';
import type { Block } from './block';
import { ZERO_HASH } from './canonical';
import { malformedBlock } from './validate';
import type { BlockFault } from './validate';

/** The first bad block of a chain and why: what {@link validateChain} returns for an invalid chain. */
export interface ChainFault {
  readonly index: number;
  readonly reason: BlockFault;
}

function checkBlocks(blocks: unknown): void {
  if (!Array.isArray(blocks)) throw new TypeError('blocks debe ser una lista de bloques');
  blocks.forEach((block, i) => {
    const problem = malformedBlock(block);
    if (problem !== undefined) throw new TypeError(`bloque en la posición ${i}: ${problem}`);
  });
}

/**
 * Exercise 11.1: the first block of a chain that fails validation, and why.
 *
 * **Enunciado (ejercicio 11.1, en español).** `blocks` es una cadena de bloques, del génesis
 * (posición 0) en adelante. Recorre los bloques en orden y, para el bloque de la posición `i`,
 * comprueba **en este orden**:
 * 1. `'indice'`: su `index` es `i`;
 * 2. `'enlace'`: su `previousHash` es el `hash` guardado del bloque `i − 1` (para el génesis,
 *    `ZERO_HASH`, 64 ceros);
 * 3. `'contenido'`: su `merkleRoot` es `merkleRootOf(block.transactions)` (las transacciones no se
 *    han cambiado);
 * 4. `'hash'`: su `hash` es `blockHash(block)` (la cabecera no se ha cambiado);
 * 5. `'trabajo'`: `leadingZeroBits(block.hash)` es al menos `block.zeroBits`.
 * Devuelve `{ index, reason }` del **primer** bloque que falla, con la **primera** comprobación
 * que falla en él; si todos pasan (también con la lista vacía), devuelve `null`.
 * `ZERO_HASH`, `merkleRootOf`, `blockHash` y `leadingZeroBits` ya están importadas en el archivo.
 * No modifiques `blocks`. La función ya rechaza, antes de tu región, una lista mal formada
 * (`TypeError`). Escribe toda tu solución dentro de la región `#region exercise 11.1`: el
 * corrector toma solo ese texto de tu entrega.
 *
 * @example
 * validateChain(chain.blocks);                  // null
 * validateChain([genesis, tampered, next]);     // { index: 1, reason: 'contenido' }
 */
export function validateChain(blocks: readonly Block[]): ChainFault | null {
  checkBlocks(blocks);
  // #region exercise 11.1: Validar una cadena de bloques (3 puntos)
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Block;
    const previous = i === 0 ? ZERO_HASH : (blocks[i - 1] as Block).hash;
    if (block.index !== i) return { index: i, reason: 'indice' };
    if (block.previousHash !== previous) return { index: i, reason: 'enlace' };
    if (block.merkleRoot !== merkleRootOf(block.transactions)) return { index: i, reason: 'contenido' };
    if (block.hash !== blockHash(block)) return { index: i, reason: 'hash' };
    if (leadingZeroBits(block.hash) < block.zeroBits) return { index: i, reason: 'trabajo' };
  }
  return null;
  // #endregion exercise 11.1
}

function checkTargetArguments(hashHex: unknown, bits: unknown): void {
  if (typeof hashHex !== 'string' || !/^[0-9a-f]{64}$/.test(hashHex)) throw new TypeError('hashHex debe tener 64 dígitos hexadecimales en minúscula');
  if (typeof bits !== 'number' || !Number.isInteger(bits) || bits < 0 || bits > 0xffffffff) throw new TypeError('bits debe ser un entero de 32 bits sin signo');
  const size = bits >>> 24;
  // As Bitcoin Core's SetCompact: the sign bit counts only if the word left after a size ≤ 3 shift is not 0.
  const word = size <= 3 ? (bits & 0x007fffff) >>> (8 * (3 - size)) : bits & 0x007fffff;
  if (word !== 0 && (bits & 0x00800000) !== 0) throw new RangeError('bits codifica un objetivo negativo');
  if (word !== 0 && size > 32) throw new RangeError('bits codifica un objetivo de más de 256 bits');
}

/**
 * Exercise 11.2: Bitcoin's proof-of-work check of a hash against the compact target `bits`.
 *
 * **Enunciado (ejercicio 11.2, en español).** En Bitcoin la cabecera guarda el objetivo en 4
 * bytes, `bits`: el byte alto es el **tamaño** `e = bits >>> 24` y los 3 bytes bajos la
 * **mantisa** `m = bits & 0x007fffff`. El objetivo es `m × 256^(e − 3)`; si `e < 3`, es
 * `m` desplazado `8 × (3 − e)` bits a la derecha (se pierden los bytes que no caben; con `e = 0`
 * queda 0). `hashHex` es el hash como número de 256 bits escrito en 64 dígitos hexadecimales, el
 * más significativo primero. Devuelve `true` si el hash es **menor o igual** que el objetivo
 * (la regla de Bitcoin Core: un hash igual al objetivo vale) y `false` si es mayor. Los números no
 * caben en un `number`: usa `BigInt`. Por ejemplo, con `bits = 0x1d00ffff` el objetivo es
 * `0xffff × 256^26`: vale un hash menor o igual que `00000000ffff0000…0` (64 cifras).
 * La función ya rechaza, antes de tu región, un hash mal formado (`TypeError`), unos `bits` que no
 * son un entero de 32 bits (`TypeError`) y un objetivo negativo o de más de 256 bits
 * (`RangeError`). Escribe toda tu solución dentro de la región `#region exercise 11.2`: el
 * corrector toma solo ese texto de tu entrega.
 *
 * @example
 * hashMeetsTarget('00000000ffff' + '0'.repeat(52), 0x1d00ffff); // true (igual al objetivo)
 * hashMeetsTarget('00000001' + '0'.repeat(56), 0x1d00ffff);     // false
 */
export function hashMeetsTarget(hashHex: string, bits: number): boolean {
  checkTargetArguments(hashHex, bits);
  // #region exercise 11.2: Hash por debajo del objetivo (bits compactos) (2 puntos)
  const size = bits >>> 24;
  const mantissa = BigInt(bits & 0x007fffff);
  const target = size <= 3 ? mantissa >> BigInt(8 * (3 - size)) : mantissa << BigInt(8 * (size - 3));
  return BigInt(`0x${hashHex}`) <= target;
  // #endregion exercise 11.2
}
