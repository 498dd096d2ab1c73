/**
 * Chapter 10's DHT exercise: Kademlia's XOR distance and the k-bucket a contact goes in, as
 * a pure function over plain numbers. {@link KademliaNetwork} keeps its own
 * (`bucketIndexOf`) and takes this one, through its `bucketIndex` option, only in the
 * chapter's exercise cells.
 */

/** Kademlia's distance between two ids and the k-bucket the second goes in, seen from the first. */
export interface XorBucket {
  /** selfId XOR otherId, as an unsigned integer (≥ 0). */
  readonly distance: number;
  /** i with 2^i ≤ distance < 2^(i+1); null when the two ids are equal. */
  readonly bucket: number | null;
}

function checkXorArguments(selfId: unknown, otherId: unknown, bits: unknown): void {
  if (typeof bits !== 'number' || !Number.isInteger(bits) || bits < 1 || bits > 32) throw new RangeError(`bits debe ser un entero entre 1 y 32, es ${String(bits)}`);
  for (const [name, id] of [['selfId', selfId], ['otherId', otherId]] as const) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= 2 ** bits) throw new RangeError(`${name} debe ser un entero en [0, 2^${bits}), es ${String(id)}`);
  }
}

/**
 * Exercise 10.3: XOR distance and k-bucket index.
 *
 * **Enunciado (ejercicio 10.3, en español).** En Kademlia la distancia entre dos
 * identificadores es su **XOR** bit a bit, leído como entero sin signo, y un nodo guarda cada
 * contacto en el **k-bucket** `i` tal que 2^i ≤ distancia < 2^(i+1): la posición del bit más
 * alto en que difieren los dos identificadores, contando desde 0 el bit menos significativo.
 * Los identificadores son enteros en [0, 2^bits), con `bits` entre 1 y 32. Devuelve
 * `{ distance, bucket }`:
 * - `distance` es `selfId` XOR `otherId` como entero **sin signo** (nunca negativo), también
 *   con `bits = 32`, donde el operador `^` de JavaScript devuelve un entero de 32 bits con
 *   signo (negativo si el bit 31 del resultado vale 1).
 * - `bucket` es el índice `i` de arriba, entre 0 y `bits − 1`: por ejemplo, 5 (101) y 6 (110)
 *   están a distancia 3 (011) y van al bucket 1.
 * - Si los dos identificadores son iguales, `distance` es 0 y `bucket` es `null` (un nodo no se
 *   guarda a sí mismo).
 * - La función ya rechaza, antes de tu región, los argumentos que no son enteros en ese rango
 *   (`RangeError`). Escribe toda tu solución dentro de la región `#region exercise 10.3`: el
 *   corrector toma solo ese texto de tu entrega.
 *
 * @example
 * xorBucket(5, 6, 3);            // { distance: 3, bucket: 1 }
 * xorBucket(0, 2 ** 31, 32);     // { distance: 2147483648, bucket: 31 }
 */
export function xorBucket(selfId: number, otherId: number, bits: number): XorBucket {
  checkXorArguments(selfId, otherId, bits);
  // #region exercise 10.3: Distancia XOR e índice de k-bucket (2 puntos)
  const distance = (selfId ^ otherId) >>> 0;
  return { distance, bucket: distance === 0 ? null : 31 - Math.clz32(distance) };
  // #endregion exercise 10.3
}
