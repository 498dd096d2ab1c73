// @real-io: finds binaries on disk and probes TCP ports on 127.0.0.1.
/**
 * What starting a real service needs before it starts: finding its binary (or saying in Spanish
 * how to install it), a free loopback port, a check that a port answers, and the loopback-only
 * rule for command-line arguments. Re-exported by `process.ts`.
 */
import { statSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { delimiter, isAbsolute, join } from 'node:path';

/** The real services a chapter may start. */
export type ServiceName = 'redis' | 'etcd' | 'haproxy' | 'rsync' | 'openssl';

/** Error thrown when a service's binary is not installed; its message says how to install it (Spanish). */
export class ServiceMissing extends Error {
  /** Which service is missing. */
  readonly service: ServiceName;
  constructor(service: ServiceName, binary: string, debianPackage: string) {
    super(missingServiceMessage(service, binary, debianPackage));
    this.name = 'ServiceMissing';
    this.service = service;
  }
}

const EXTRA_DIRS = ['/usr/sbin', '/usr/bin', '/usr/local/bin', '/sbin', '/bin'];

function isExecutableFile(path: string): boolean {
  try {
    return statSync(path).isFile() && (statSync(path).mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/** Binary names listed in `KIT_HIDE_BINARIES` (comma-separated): treated as not installed, to try the "missing service" path. */
function hiddenBinaries(): string[] {
  return (process.env.KIT_HIDE_BINARIES ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * The absolute path of an executable, searched on `PATH`, then /usr/sbin, /usr/bin and
 * /usr/local/bin; `undefined` if it is not installed, or if its name is listed in the
 * `KIT_HIDE_BINARIES` environment variable (`KIT_HIDE_BINARIES=redis-server`: try a chapter
 * as if Redis were absent). An absolute path is checked as it is.
 * @example
 * findBinary('redis-server'); // '/usr/bin/redis-server' (or undefined)
 */
export function findBinary(name: string): string | undefined {
  if (name === '' || name.includes('\0')) return undefined;
  if (hiddenBinaries().some((hidden) => hidden === name || (isAbsolute(name) && name.endsWith(`/${hidden}`)))) return undefined;
  if (isAbsolute(name)) return isExecutableFile(name) ? name : undefined;
  if (name.includes('/')) return undefined;
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter((d) => d !== ''), ...EXTRA_DIRS];
  for (const dir of dirs) {
    const path = join(dir, name);
    if (isExecutableFile(path)) return path;
  }
  return undefined;
}

/** The Spanish message shown when a service's binary is missing, with the command that installs it. */
export function missingServiceMessage(service: ServiceName, binary: string, debianPackage: string): string {
  return (
    `No encuentro ${binary} (servicio ${service}): instálalo con \`sudo apt-get install ${debianPackage}\` ` +
    `y vuelve a ejecutar esta celda. Mientras tanto, esta parte se salta.`
  );
}

/** A free TCP port on 127.0.0.1 (listens on port 0, reads the port the kernel chose, closes). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolvePort(port) : reject(new Error('freePort: el sistema no dio un puerto'))));
    });
  });
}

/** `true` if something accepts a TCP connection on 127.0.0.1:`port` (within `timeoutMs`, default 500). */
export function portOpen(port: number, timeoutMs = 500): Promise<boolean> {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return Promise.resolve(false);
  return new Promise((resolveOpen) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const finish = (open: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolveOpen(open);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** The address in `arg` that is not loopback 127.0.0.1, if any (IPv4 dotted quads, `::`, `[...]`, `localhost`). */
export function nonLoopbackAddress(arg: string): string | undefined {
  for (const match of arg.matchAll(/(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?![\d.])/g)) {
    if (match[1] !== '127.0.0.1') return match[1];
  }
  if (/(^|[\s=/@[])(::|::1|\[::\]|\[::1\])($|[\s:\]/,])/.test(arg) || /\[[0-9a-fA-F:]*:[0-9a-fA-F:]*\]/.test(arg)) return 'IPv6';
  if (/\blocalhost\b/i.test(arg)) return 'localhost';
  return undefined;
}
