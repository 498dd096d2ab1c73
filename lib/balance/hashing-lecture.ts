/**
 * The lecture's `ConsistentHashBalancer`, in Python as the lecture prints it (its indentation
 * is broken and it has no imports), with only the indentation fixed, and fixed, run for real with `python3` when it is installed, so the chapter can
 * show the error and then compare the fixed class's answers with the kit's ring.
 * @packageDocumentation
 */
import { execFileSync } from 'node:child_process';
import { findBinary } from '../services/binaries';

/**
 * The lecture's two code blocks (the class, then its usage example) joined, verbatim: the loop
 * and the sort sit in the class body instead of `__init__`, the two methods outside the class,
 * and there are no `import hashlib` / `import bisect` lines.
 */
export const LECTURE_RING_PYTHON = `class ConsistentHashBalancer:
    def __init__(self, servers, replicas=3):
        self.ring = {}
        self.sorted_keys = []
        self.replicas = replicas

    for server in servers:
        for i in range(replicas):
            key = self.hash_function(f"{server}-{i}")
            self.ring[key] = server
            self.sorted_keys.append(key)

    self.sorted_keys.sort()

def hash_function(self, key):
    return int(hashlib.md5(key.encode()).hexdigest(), 16) % (2**32)

def get_server(self, request):
    key = self.hash_function(request)
    index = bisect.bisect(self.sorted_keys, key) % len(self.sorted_keys)
    return self.ring[self.sorted_keys[index]]

servers = ["S1", "S2", "S3"]
balancer = ConsistentHashBalancer(servers)

for request in ["A", "B", "C", "D"]:
    print(f"Request {request} asignado a: {balancer.get_server(request)}")
`;

/**
 * The lecture's code with only its indentation fixed: it gets past the class definition and
 * then fails on the missing import (`NameError: name 'hashlib' is not defined`).
 */
export const INDENT_FIXED_RING_PYTHON = `class ConsistentHashBalancer:
    def __init__(self, servers, replicas=3):
        self.ring = {}
        self.sorted_keys = []
        self.replicas = replicas

        for server in servers:
            for i in range(replicas):
                key = self.hash_function(f"{server}-{i}")
                self.ring[key] = server
                self.sorted_keys.append(key)

        self.sorted_keys.sort()

    def hash_function(self, key):
        return int(hashlib.md5(key.encode()).hexdigest(), 16) % (2**32)

    def get_server(self, request):
        key = self.hash_function(request)
        index = bisect.bisect(self.sorted_keys, key) % len(self.sorted_keys)
        return self.ring[self.sorted_keys[index]]

servers = ["S1", "S2", "S3"]
balancer = ConsistentHashBalancer(servers)

for request in ["A", "B", "C", "D"]:
    print(f"Request {request} asignado a: {balancer.get_server(request)}")
`;

/** The lecture's code with its indentation fixed and the imports it omits added (nothing else changed). */
export const FIXED_RING_PYTHON = `import hashlib
import bisect

${INDENT_FIXED_RING_PYTHON}`;

/** What running a Python program gave. */
export interface PythonRun {
  /** `false` when `python3` is not installed (then `message` says how to install it). */
  readonly ran: boolean;
  readonly exitCode: number | null;
  readonly stdout: string;
  /** The last line of stderr (Python's error line), or `''`. */
  readonly error: string;
  readonly message: string;
}

/**
 * Runs `code` with `python3 -c` (10-s hard timeout, no shell, no network), returning its output
 * and its error line. `python3 -I` ignores the user's environment and site packages.
 * @example
 * runPython(LECTURE_RING_PYTHON).error; // "NameError: name 'servers' is not defined"
 */
export function runPython(code: string, timeoutMs = 10_000): PythonRun {
  const python = findBinary('python3');
  if (python === undefined) {
    return { ran: false, exitCode: null, stdout: '', error: '', message: 'python3 no está instalado: instálalo con «sudo apt-get install python3» para ejecutar el código de la lección tal cual.' };
  }
  try {
    const stdout = execFileSync(python, ['-I', '-c', code], { timeout: timeoutMs, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { ran: true, exitCode: 0, stdout, error: '', message: 'terminó sin errores' };
  } catch (error) {
    const e = error as { status?: number | null; stdout?: string; stderr?: string; signal?: string | null };
    const lines = String(e.stderr ?? '').trim().split('\n');
    const last = lines[lines.length - 1] ?? '';
    const message = e.signal ? `python3 no terminó en ${timeoutMs} ms (señal ${e.signal})` : `python3 terminó con código ${String(e.status)}`;
    return { ran: true, exitCode: e.status ?? null, stdout: String(e.stdout ?? ''), error: last, message };
  }
}

/** Parses the lecture example's output lines (`Request A asignado a: S2`) into request → server. */
export function parseLectureAssignments(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const match = /^Request (\S+) asignado a: (\S+)$/.exec(line.trim());
    if (match) out.set(match[1] as string, match[2] as string);
  }
  return out;
}
