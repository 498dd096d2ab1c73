// The lecture's DistributedFileSystem, ported with its bugs, and the fixed one.
import { describe, expect, it } from 'vitest';
import { FixedDistributedFileSystem, LectureDistributedFileSystem, lectureSkew } from '../../lib/dfs/lecture';

describe("the lecture's DistributedFileSystem (as written)", () => {
  it('store_file prints Nodo3, the node where the loop stopped, which has no copy', () => {
    const dfs = new LectureDistributedFileSystem(['Nodo1', 'Nodo2', 'Nodo3']);
    expect(dfs.storeFile('datos.txt', 'Contenido importante')).toBe("Archivo 'datos.txt' almacenado en Nodo3");
    expect(dfs.holders('datos.txt')).toEqual(['Nodo1', 'Nodo2']);
    expect(dfs.retrieveFile('datos.txt')).toBe('Contenido importante');
    expect(dfs.log.at(-1)).toBe("Archivo 'datos.txt' recuperado desde Nodo1");
  });

  it('with replicas ≥ nodes the loop ends and the last node is printed (right by accident); replicas=0 prints Nodo1 and stores nothing; no nodes is a NameError', () => {
    const all = new LectureDistributedFileSystem(['A', 'B']);
    expect(all.storeFile('f', 'x', 5)).toBe("Archivo 'f' almacenado en B");
    expect(all.holders('f')).toEqual(['A', 'B']);
    const none = new LectureDistributedFileSystem(['A', 'B']);
    expect(none.storeFile('f', 'x', 0)).toBe("Archivo 'f' almacenado en A");
    expect(none.holders('f')).toEqual([]);
    expect(() => new LectureDistributedFileSystem([]).storeFile('f', 'x')).toThrow(/NameError/);
  });

  it('every file lands on the first two nodes: 300 files on 6 nodes give 300, 300, 0, 0, 0, 0 and two failures lose them all', () => {
    const { rows, lostLecture, lostFixed } = lectureSkew({ files: 300, nodes: 6 });
    expect(rows.map((r) => r.lecture)).toEqual([300, 300, 0, 0, 0, 0]);
    expect(lostLecture).toBe(300);
    // Fixed: about 2·300/6 = 100 per node; a pair of nodes holds both copies of ~300/C(6,2) = 20 files.
    for (const r of rows) expect(r.fixed).toBeGreaterThan(70), expect(r.fixed).toBeLessThan(130);
    expect(rows.reduce((s, r) => s + r.fixed, 0)).toBe(600);
    expect(lostFixed).toBeGreaterThan(5);
    expect(lostFixed).toBeLessThan(40);
  });
});

describe('the fixed DistributedFileSystem', () => {
  it('says every node it used, places the same file the same way, and reads from a live copy', () => {
    const dfs = new FixedDistributedFileSystem(['Nodo1', 'Nodo2', 'Nodo3']);
    const line = dfs.storeFile('datos.txt', 'Contenido importante');
    const holders = dfs.holders('datos.txt');
    expect(holders.length).toBe(2);
    expect(line).toBe(`Archivo 'datos.txt' almacenado en ${dfs.placement('datos.txt', 2).join(', ')}`);
    expect(new Set(dfs.placement('datos.txt', 2))).toEqual(new Set(holders));
    dfs.failed.add(holders[0] as string);
    expect(dfs.retrieveFile('datos.txt')).toBe('Contenido importante');
    dfs.failed.add(holders[1] as string);
    expect(dfs.retrieveFile('datos.txt')).toBeNull();
  });

  it('rejects bad replica counts and node lists', () => {
    const dfs = new FixedDistributedFileSystem(['A', 'B']);
    expect(() => dfs.storeFile('f', 'x', 0)).toThrow(RangeError);
    expect(() => dfs.storeFile('f', 'x', 3)).toThrow(RangeError);
    expect(() => new FixedDistributedFileSystem([])).toThrow(RangeError);
    expect(() => new FixedDistributedFileSystem(['A', 'A'])).toThrow(RangeError);
  });
});
