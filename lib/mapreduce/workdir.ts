// @real-io: resolves paths on the real file system (symlinks included).
/**
 * Where MapReduce may read and write: a job's work folder strictly inside the kit's `build/`.
 * The coordinator checks it before it creates (or removes!) the folder, and a worker before it
 * reads an input split or writes a file, so a request cannot make a worker touch any other path.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';

/** The kit's `build/` folder, symlinks resolved (lib may be loaded through a symlink). */
export function kitBuildRoot(): string {
  return realPath(join(realpathSync(__dirname), '..', '..', 'build'));
}

/** `path` with symlinks resolved as far as it exists (the rest is appended as is). */
function realPath(path: string): string {
  const absolute = resolve(path);
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = dirname(absolute);
  return parent === absolute ? absolute : join(realPath(parent), basename(absolute));
}

/**
 * Why `dir` may not be a job's work folder (Spanish), or `undefined` if it may: it must be an
 * absolute path strictly inside the kit's `build/`, also once symlinks are resolved.
 */
export function workDirProblem(dir: string): string | undefined {
  const root = kitBuildRoot();
  if (!isAbsolute(dir)) return `la carpeta de trabajo debe ser una ruta absoluta, y "${dir}" no lo es`;
  if (!realPath(dir).startsWith(root + sep)) return `la carpeta de trabajo "${dir}" no está dentro de build/ del kit (${root})`;
  return undefined;
}

/**
 * Why `inputPath` may not be a map task's input (Spanish), or `undefined` if it may: a file
 * `input-<n>.jsonl` right inside the work folder `dir`.
 */
export function inputPathProblem(inputPath: string, dir: string): string | undefined {
  const path = realPath(inputPath);
  if (dirname(path) !== realPath(dir) || !/^input-\d+\.jsonl$/.test(basename(path))) {
    return `inputPath debe ser un fichero input-<n>.jsonl de la carpeta de trabajo "${dir}", y "${inputPath}" no lo es`;
  }
  return undefined;
}
