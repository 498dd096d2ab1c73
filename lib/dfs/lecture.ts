/**
 * The lecture's `DistributedFileSystem` (section «Fragmentación y replicación»), ported line by
 * line from Python with its two bugs — `store_file` prints the node where the loop stopped,
 * which did not get the file, and always fills the first nodes — and a fixed version that
 * spreads replicas by rendezvous hashing, says where each copy went and skips failed nodes.
 */

/**
 * The lecture's class, as written: `nodes` keeps insertion order like a Python dict, and
 * `storeFile` reproduces Python's loop variable, which keeps its last value after `break`.
 *
 * @example
 * const dfs = new LectureDistributedFileSystem(['Nodo1', 'Nodo2', 'Nodo3']);
 * dfs.storeFile('datos.txt', 'Contenido importante'); // prints «… almacenado en Nodo3», but Nodo3 has nothing
 */
export class LectureDistributedFileSystem {
  readonly nodes = new Map<string, Map<string, string>>();
  readonly log: string[] = [];

  constructor(nodes: readonly string[]) {
    for (const n of nodes) this.nodes.set(n, new Map());
  }

  /** `store_file(filename, content, replicas=2)`, bugs included. Returns the printed line. */
  storeFile(filename: string, content: string, replicas = 2): string {
    let node: string | undefined;
    let i = 0;
    for (const key of this.nodes.keys()) {
      node = key;
      if (i >= replicas) break;
      this.nodes.get(key)?.set(filename, content);
      i++;
    }
    // Python raises NameError here when there are no nodes (the loop never bound `node`).
    if (node === undefined) throw new ReferenceError("NameError: name 'node' is not defined (no hay nodos)");
    const line = `Archivo '${filename}' almacenado en ${node}`;
    this.log.push(line);
    return line;
  }

  /** `retrieve_file(filename)`: the first node (in order) that has it, failed or not. */
  retrieveFile(filename: string): string | null {
    for (const [node, files] of this.nodes) {
      const content = files.get(filename);
      if (content !== undefined) {
        this.log.push(`Archivo '${filename}' recuperado desde ${node}`);
        return content;
      }
    }
    return null;
  }

  /** The nodes that actually hold `filename`. */
  holders(filename: string): string[] {
    return [...this.nodes].filter(([, files]) => files.has(filename)).map(([n]) => n);
  }
}

// FNV-1a, 32 bits: a small, stable hash for rendezvous scores.
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // A final avalanche so that names differing in the last character spread well.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * The fixed class: each file goes to the `replicas` nodes with the highest rendezvous score
 * hash(file, node) — spread evenly, the same answer on every client, no central table —
 * it says every node it used, and `retrieveFile` skips failed nodes.
 *
 * @example
 * const dfs = new FixedDistributedFileSystem(['Nodo1', 'Nodo2', 'Nodo3']);
 * dfs.storeFile('datos.txt', 'Contenido importante'); // «… almacenado en Nodo2, Nodo3» (two real copies)
 */
export class FixedDistributedFileSystem {
  readonly nodes = new Map<string, Map<string, string>>();
  readonly failed = new Set<string>();
  readonly log: string[] = [];

  constructor(nodes: readonly string[]) {
    if (nodes.length === 0) throw new RangeError('hace falta al menos un nodo');
    if (new Set(nodes).size !== nodes.length) throw new RangeError('hay nodos repetidos');
    for (const n of nodes) this.nodes.set(n, new Map());
  }

  /** The nodes a file goes to (highest scores first). */
  placement(filename: string, replicas: number): string[] {
    return [...this.nodes.keys()].map((n) => ({ n, score: fnv1a(`${filename}\u0000${n}`) })).sort((a, b) => b.score - a.score || (a.n < b.n ? -1 : 1)).slice(0, replicas).map((x) => x.n);
  }

  /** Stores `replicas` copies on distinct nodes and returns the printed line naming all of them. */
  storeFile(filename: string, content: string, replicas = 2): string {
    if (!Number.isInteger(replicas) || replicas < 1 || replicas > this.nodes.size) throw new RangeError(`replicas debe ser un entero entre 1 y ${this.nodes.size} (es ${replicas})`);
    const targets = this.placement(filename, replicas);
    for (const n of targets) this.nodes.get(n)?.set(filename, content);
    const line = `Archivo '${filename}' almacenado en ${targets.join(', ')}`;
    this.log.push(line);
    return line;
  }

  /** The content from the first live node that has it, or `null` if every copy is on a failed node. */
  retrieveFile(filename: string): string | null {
    for (const [node, files] of this.nodes) {
      if (this.failed.has(node)) continue;
      const content = files.get(filename);
      if (content !== undefined) {
        this.log.push(`Archivo '${filename}' recuperado desde ${node}`);
        return content;
      }
    }
    return null;
  }

  /** The nodes that hold `filename` (failed or not). */
  holders(filename: string): string[] {
    return [...this.nodes].filter(([, files]) => files.has(filename)).map(([n]) => n);
  }
}

/** Files per node after storing `files` files with `replicas` copies, in both classes. */
export interface SkewRow {
  readonly node: string;
  readonly lecture: number;
  readonly fixed: number;
}

/**
 * Stores `files` files in both classes and counts files per node, plus how many files each
 * loses when the first `failedNodes` nodes fail (the lecture ignores failures: a file counts
 * as lost when all its copies are on failed nodes).
 *
 * @example
 * lectureSkew({ files: 300, nodes: 6 }).rows[0]; // { node: 'Nodo1', lecture: 300, fixed: ~100 }
 */
export function lectureSkew({ files, nodes, replicas = 2, failedNodes = 2 }: { files: number; nodes: number; replicas?: number; failedNodes?: number }): { rows: SkewRow[]; lostLecture: number; lostFixed: number } {
  const names = Array.from({ length: nodes }, (_, i) => `Nodo${i + 1}`);
  const lecture = new LectureDistributedFileSystem(names);
  const fixed = new FixedDistributedFileSystem(names);
  const failed = new Set(names.slice(0, failedNodes));
  let lostLecture = 0;
  let lostFixed = 0;
  for (let k = 1; k <= files; k++) {
    const file = `archivo-${String(k).padStart(3, '0')}.txt`;
    lecture.storeFile(file, `contenido ${k}`, replicas);
    fixed.storeFile(file, `contenido ${k}`, replicas);
    if (lecture.holders(file).every((n) => failed.has(n))) lostLecture++;
    if (fixed.holders(file).every((n) => failed.has(n))) lostFixed++;
  }
  const rows = names.map((node) => ({ node, lecture: lecture.nodes.get(node)?.size ?? 0, fixed: fixed.nodes.get(node)?.size ?? 0 }));
  return { rows, lostLecture, lostFixed };
}
