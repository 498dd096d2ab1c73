/**
 * Chapter 10's rsync exercise: the O(1) update of rsync's rolling weak checksum, as a pure
 * function over numbers. {@link computeDelta} keeps its own update (`rollWeakChecksum`) and takes
 * this function as its `roll` option only in the chapter's exercise cells.
 */

function checkRollArguments(checksum: unknown, outByte: unknown, inByte: unknown, blockLength: unknown): void {
  if (typeof checksum !== 'number' || !Number.isInteger(checksum) || checksum < 0 || checksum > 0xffffffff) throw new RangeError(`checksum debe ser un entero sin signo de 32 bits (0 … 4294967295), no ${String(checksum)}`);
  for (const [name, b] of [['outByte', outByte], ['inByte', inByte]] as const) {
    if (typeof b !== 'number' || !Number.isInteger(b) || b < 0 || b > 255) throw new RangeError(`${name} debe ser un byte (entero 0 … 255), no ${String(b)}`);
  }
  if (typeof blockLength !== 'number' || !Number.isInteger(blockLength) || blockLength < 1) throw new RangeError(`blockLength debe ser un entero ≥ 1, no ${String(blockLength)}`);
}

/**
 * Exercise 10.1: slide rsync's weak checksum one byte to the right in O(1).
 *
 * **Enunciado (ejercicio 10.1, en español).** La suma débil de rsync de una ventana de `L` bytes
 * x₀ … x_{L−1} tiene dos mitades de 16 bits: `s1 = (x₀ + … + x_{L−1}) mod 2¹⁶` y
 * `s2 = (L·x₀ + (L−1)·x₁ + … + 1·x_{L−1}) mod 2¹⁶` (la suma de las sumas parciales de s1), y se
 * guarda en un solo número `checksum = s1 + s2·2¹⁶` (en rsync, `(s1 & 0xffff) | (s2 << 16)`).
 * Recibes `checksum` de la ventana actual, el byte `outByte` que sale por la izquierda (x₀), el
 * byte `inByte` que entra por la derecha y la longitud `blockLength` (`L`) de la ventana, que no
 * cambia. Devuelve la suma de la ventana desplazada un byte, **sin recorrer la ventana** (O(1)):
 * - s1 nuevo = s1 − salida + entrada; s2 nuevo = s2 − L·salida + s1 nuevo; ambos módulo 2¹⁶.
 * - Como rsync lee los bytes como `signed char`, un byte b ≥ 128 cuenta como b − 256
 *   (200 cuenta como −56); uno < 128, como es. (rsync suma además `CHAR_OFFSET`, que vale 0.)
 * - Las restas pueden dar negativos: el resultado de cada mitad debe quedar en 0 … 65535, y el
 *   valor devuelto es un entero **sin signo** de 32 bits (0 … 4294967295), nunca negativo.
 * - `blockLength` = 1 es válido (la ventana es un solo byte).
 * La función ya rechaza, antes de tu región, argumentos que no sean enteros en su rango
 * (`RangeError`). Escribe toda tu solución dentro de la región `#region exercise 10.1`: el
 * corrector toma solo ese texto de tu entrega.
 *
 * @example
 * // Ventana «abc» (s1 = 294, s2 = 586) → «bcd»: s1 = 297, s2 = 592.
 * rollChecksum(38404390, 97, 100, 3); // 297 + 592 · 65536 = 38797609
 */
export function rollChecksum(checksum: number, outByte: number, inByte: number, blockLength: number): number {
  checkRollArguments(checksum, outByte, inByte, blockLength);
  // #region exercise 10.1: Actualizar la suma rodante de rsync (3 puntos)
  const signed = (b: number) => (b >= 128 ? b - 256 : b);
  const out = signed(outByte);
  const s1 = ((checksum & 0xffff) - out + signed(inByte)) & 0xffff;
  const s2 = ((checksum >>> 16) - blockLength * out + s1) & 0xffff;
  return s1 + s2 * 65536;
  // #endregion exercise 10.1
}
