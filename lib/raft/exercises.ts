/**
 * Chapter 06's Raft exercises: the two rules a Raft server gets wrong most often, as pure
 * functions. The teacher's node (`node.ts`) keeps its own versions (`defaultUpToDate`, and an
 * incremental commit rule) and takes these only when a cell passes them as the `upToDate` /
 * `advanceCommitIndex` options.
 */
import type { CommitInput, LogPosition } from './config';

/**
 * RequestVote's up-to-date check (Raft §5.4.1): does the voter grant its vote, as far as logs go?
 *
 * **Enunciado (ejercicio 06.1, en español).** Un seguidor (el votante) recibe un `RequestVote`
 * de un candidato. Cada uno se describe por la posición de la última entrada de su log:
 * `lastLogIndex` (0 si el log está vacío) y `lastLogTerm` (0 si está vacío). Devuelve `true` si el
 * log del candidato está **al menos tan actualizado** como el del votante (§5.4.1):
 * - si los términos de las últimas entradas difieren, está más actualizado el de término
 *   **mayor**, sea cual sea la longitud;
 * - si los términos coinciden, el log **más largo**; con la misma longitud también es `true`
 *   (dos logs vacíos incluidos).
 * No mires nada más (ni el término actual ni a quién se votó: eso lo comprueba el nodo). No
 * modifiques los argumentos. La función ya rechaza antes de tu región posiciones que no sean
 * enteros ≥ 0, con `RangeError`.
 * Escribe toda tu solución dentro de la región `#region exercise 06.1`: el corrector toma solo ese
 * texto de tu entrega.
 *
 * @example
 * raftUpToDate({ lastLogIndex: 3, lastLogTerm: 2 }, { lastLogIndex: 5, lastLogTerm: 1 }); // true: term 2 beats term 1
 */
export function raftUpToDate(candidate: LogPosition, voter: LogPosition): boolean {
  checkPosition('candidate', candidate);
  checkPosition('voter', voter);
  // #region exercise 06.1: ¿Está al día el log del candidato? (§5.4.1) (2 puntos)
  if (candidate.lastLogTerm !== voter.lastLogTerm) return candidate.lastLogTerm > voter.lastLogTerm;
  return candidate.lastLogIndex >= voter.lastLogIndex;
  // #endregion exercise 06.1
}

/**
 * The leader's commit-index advance (Raft §5.3 and §5.4.2): the new commitIndex.
 *
 * **Enunciado (ejercicio 06.2, en español).** El líder sabe, para cada servidor (él incluido),
 * hasta qué índice tiene replicado su log: `matchIndex` (una lista, un número por servidor; el
 * tamaño del clúster es su longitud). `logTerms[i - 1]` es el término de la entrada `i` del log
 * del líder (el log tiene `logTerms.length` entradas). Devuelve el nuevo `commitIndex`: el
 * **mayor** N > `commitIndex` tal que
 * - una **mayoría estricta** de los servidores tiene `matchIndex ≥ N` (más de la mitad: 2 de 3,
 *   3 de 4, 3 de 5), y
 * - la entrada N es del **término actual**: `logTerms[N - 1] === currentTerm` (§5.4.2: una
 *   entrada de un término anterior no se confirma contando réplicas; queda confirmada cuando se
 *   confirma una posterior del término actual).
 * Si no hay tal N, devuelve `commitIndex` sin cambios (nunca un valor menor). El orden de
 * `matchIndex` no importa. No modifiques los argumentos (ni ordenes `matchIndex` en su sitio). La
 * función ya rechaza antes de tu región entradas mal formadas, con `RangeError`.
 * Escribe toda tu solución dentro de la región `#region exercise 06.2`: el corrector toma solo ese
 * texto de tu entrega.
 *
 * @example
 * raftAdvanceCommitIndex({ currentTerm: 2, commitIndex: 0, matchIndex: [3, 3, 1], logTerms: [1, 2, 2] }); // 3
 */
export function raftAdvanceCommitIndex(input: CommitInput): number {
  checkCommitInput(input);
  // #region exercise 06.2: Avanzar commitIndex con la regla de §5.4.2 (3 puntos)
  const majority = Math.floor(input.matchIndex.length / 2) + 1;
  for (let n = input.logTerms.length; n > input.commitIndex; n--) {
    if (input.logTerms[n - 1] !== input.currentTerm) continue;
    let count = 0;
    for (const m of input.matchIndex) if (m >= n) count++;
    if (count >= majority) return n;
  }
  return input.commitIndex;
  // #endregion exercise 06.2
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

function checkPosition(name: string, p: LogPosition): void {
  if (typeof p !== 'object' || p === null || !isCount(p.lastLogIndex) || !isCount(p.lastLogTerm)) throw new RangeError(`raftUpToDate: ${name} debe ser { lastLogIndex, lastLogTerm } con enteros ≥ 0`);
}

function checkCommitInput(input: CommitInput): void {
  const ok = typeof input === 'object' && input !== null && isCount(input.currentTerm) && isCount(input.commitIndex) &&
    Array.isArray(input.matchIndex) && input.matchIndex.length > 0 && input.matchIndex.every(isCount) && Array.isArray(input.logTerms) && input.logTerms.every(isCount);
  if (!ok) throw new RangeError('raftAdvanceCommitIndex: entrada mal formada (currentTerm, commitIndex, matchIndex no vacío, logTerms)');
}
