// Reading a submission without trusting it: a bounded walk of its lib/ (no symlinks,
// FIFOs, sockets or devices, no absurd depth, names or sizes), then the text of each
// exercise region, and nothing else. Everything is read by the grader, before the sandbox
// starts; a bad submission becomes a reason ("entrega inválida: …"), never a crash or a hang.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findRegions } from './exercises.mjs';

/** Limits of a submission's lib/. */
export const SUBMISSION_LIMITS = { depth: 16, entries: 5000, nameBytes: 255, pathBytes: 1024, fileBytes: 2 * 1024 * 1024, totalBytes: 64 * 1024 * 1024, regionChars: 100_000 };

/** Why `dir` is not a valid submission (Spanish, for the gradebook), or undefined if it is. */
export function invalidSubmission(dir, limits = SUBMISSION_LIMITS) {
  const kind = (st) => (st.isSymbolicLink() ? 'un enlace simbólico' : st.isFIFO() ? 'una FIFO' : st.isSocket() ? 'un socket' : st.isBlockDevice() || st.isCharacterDevice() ? 'un dispositivo' : st.isFile() ? 'un archivo' : 'algo que no es una carpeta');
  let st;
  try {
    st = lstatSync(dir);
  } catch {
    return 'la carpeta de la entrega no existe';
  }
  if (!st.isDirectory()) return `la entrega es ${kind(st)}, no una carpeta`;
  try {
    st = lstatSync(join(dir, 'lib'));
  } catch {
    return 'no hay carpeta lib/';
  }
  if (!st.isDirectory()) return `lib es ${kind(st)}, no una carpeta`;
  let entries = 0;
  let total = 0;
  const walk = (rel, depth) => {
    if (depth > limits.depth) return `lib/${rel} está anidada a más de ${limits.depth} niveles`;
    let names;
    try {
      names = readdirSync(join(dir, 'lib', rel));
    } catch (error) {
      return `no se puede leer lib/${rel} (${error.code ?? 'error'})`;
    }
    for (const name of names.sort()) {
      const path = rel ? `${rel}/${name}` : name;
      const shown = JSON.stringify(`lib/${path}`).slice(0, 120);
      if (++entries > limits.entries) return `lib/ tiene más de ${limits.entries} archivos y carpetas`;
      if (Buffer.byteLength(name) > limits.nameBytes || /[\u0000-\u001f\u007f]/.test(name)) return `nombre no válido: ${shown}`;
      if (Buffer.byteLength(path) > limits.pathBytes) return `ruta demasiado larga (más de ${limits.pathBytes} bytes): ${shown}…`;
      let entry;
      try {
        entry = lstatSync(join(dir, 'lib', path));
      } catch (error) {
        return `no se puede leer ${shown} (${error.code ?? 'error'})`;
      }
      if (entry.isDirectory()) {
        const inner = walk(path, depth + 1);
        if (inner) return inner;
      } else if (!entry.isFile()) return `${shown} es ${kind(entry)}`;
      else {
        if (entry.size > limits.fileBytes) return `${shown} ocupa ${entry.size} bytes (máximo ${limits.fileBytes})`;
        total += entry.size;
        if (total > limits.totalBytes) return `lib/ ocupa más de ${limits.totalBytes} bytes`;
      }
    }
    return undefined;
  };
  return walk('', 0);
}

/** Reads a regular file without following a symlink or blocking on a FIFO. */
function readRegular(path, maxBytes) {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error('no es un archivo normal');
    if (st.size > maxBytes) throw new Error(`ocupa ${st.size} bytes`);
    const buffer = Buffer.alloc(st.size);
    let at = 0;
    while (at < st.size) {
      const n = readSync(fd, buffer, at, st.size - at, at);
      if (n === 0) break;
      at += n;
    }
    return buffer.subarray(0, at).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * The submission's body of each exercise region (id → lines), read from the file where
 * the teacher's lib has it. Exercises without a usable region are absent from `bodies`
 * and get a Spanish note (they run the edition's stub).
 */
export function readRegionBodies(dir, located, limits = SUBMISSION_LIMITS) {
  const bodies = new Map();
  const notes = new Map();
  const files = new Map();
  for (const e of located.values()) files.set(e.file, [...(files.get(e.file) ?? []), e]);
  for (const [file, list] of files) {
    let regions;
    try {
      const text = readRegular(join(dir, 'lib', file), limits.fileBytes);
      regions = findRegions(text, `lib/${file}`).map((r) => ({ ...r, lines: text.split('\n').slice(r.beginLine + 1, r.endLine) }));
    } catch (error) {
      const why = error.code === 'ENOENT' ? 'no existe' : error.code ? `no se puede leer (${error.code})` : `marcas de ejercicio mal cerradas (${String(error.message).slice(0, 160)})`;
      for (const e of list) notes.set(e.id, `lib/${file} ${why}: el ejercicio ${e.id} cuenta como sin resolver`);
      continue;
    }
    for (const e of list) {
      const region = regions.find((r) => r.id === e.id);
      if (!region) notes.set(e.id, `no se encuentra la región «#region exercise ${e.id}» en lib/${file}: cuenta como sin resolver`);
      else if (region.lines.join('\n').length > limits.regionChars) notes.set(e.id, `la región del ejercicio ${e.id} supera ${limits.regionChars} caracteres`);
      else bodies.set(e.id, region.lines);
    }
  }
  return { bodies, notes };
}
