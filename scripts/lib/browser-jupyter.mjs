// The Jupyter side of the browser test: a notebook folder of fresh copies, a Jupyter
// server started through `npm start` (scripts/start.mjs) for one front end, and its REST
// API. With `remote: true` the server and its kernels run in a network namespace of their
// own (bubblewrap --unshare-net) and listen on a Unix socket only; socat bridges that
// socket to 127.0.0.1 on this side, so the kernel's 127.0.0.1 is not the browser's.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { tokenArgs, withoutOutputs } from './front-ends.mjs';
import { BUILD, NOTEBOOKS, ROOT, probe } from './jupyter.mjs';

/** The browser test's scratch space (notebook copies, Jupyter settings, sockets). */
export const SCRATCH = join(BUILD, 'browser-test');

/** The chapters: committed notebooks `NN-name.ipynb`, in order. */
export function chapters() {
  return readdirSync(NOTEBOOKS).filter((n) => /^\d\d-.*\.ipynb$/.test(n)).sort();
}

/**
 * A fresh folder `name` under {@link SCRATCH} with a copy of every chapter (outputs
 * cleared, as committed) and the `lib` link, so saving in the browser never touches
 * notebooks/. Returns its path.
 */
export function prepareRoot(name) {
  const dir = join(SCRATCH, name, 'notebooks');
  rmSync(join(SCRATCH, name), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const chapter of chapters()) {
    const notebook = JSON.parse(readFileSync(join(NOTEBOOKS, chapter), 'utf8'));
    writeFileSync(join(dir, chapter), `${JSON.stringify(withoutOutputs(notebook), null, 1)}\n`);
  }
  symlinkSync(join(ROOT, 'lib'), join(dir, 'lib'), 'dir');
  return dir;
}

/** JupyterLab and Notebook 7 settings for the test: every cell in the DOM, no news pop-up. */
function labSettings(dir, frontEnd) {
  const write = (file, value) => {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), JSON.stringify(value));
  };
  // Windowing would keep off-screen cells (and their plots) out of the DOM.
  write('@jupyterlab/notebook-extension/tracker.jupyterlab-settings', { windowingMode: 'none' });
  // Notebook 7 has no news pop-up (and no schema for these settings).
  if (frontEnd === 'lab') write('@jupyterlab/apputils-extension/notification.jupyterlab-settings', { fetchNews: 'false', checkForUpdates: false });
}

/** A port free on 127.0.0.1 right now (classic Notebook cannot report a port-0 bind). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** True when this machine can run the remote check: bubblewrap and socat, as root. */
export function remoteUnavailable() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'needs root (bubblewrap --unshare-net)';
  if (!probe('sh', ['-c', 'command -v bwrap']).ok) return 'bubblewrap is not installed (apt-get install bubblewrap)';
  if (!probe('sh', ['-c', 'command -v socat']).ok) return 'socat is not installed (apt-get install socat)';
  return undefined;
}

/** Waits until `predicate()` is true, polling; throws `message` after `timeoutMs`. */
async function until(predicate, timeoutMs, message) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(message());
}

/**
 * Starts Jupyter for `frontEnd` on `rootDir` through `npm start`, and returns
 * { base, token, api, stop, log }. `api(method, path)` calls the REST API with the token.
 */
export async function startJupyter({ frontEnd, rootDir, name, remote = false }) {
  const token = `kit${process.pid}${frontEnd}`;
  const scratch = join(SCRATCH, name);
  rmSync(join(scratch, 'lab-settings'), { recursive: true, force: true });
  labSettings(join(scratch, 'lab-settings'), frontEnd);
  const env = {
    ...process.env,
    JUPYTERLAB_SETTINGS_DIR: join(scratch, 'lab-settings'),
    JUPYTERLAB_WORKSPACES_DIR: join(scratch, 'lab-workspaces'),
  };
  const port = await freePort();
  const sock = join(scratch, 'jupyter.sock');
  const listen = remote ? [`--sock=${sock}`] : [`--port=${port}`, '--port-retries=0'];
  const start = [join(ROOT, 'scripts', 'start.mjs'), '--front-end', frontEnd, `--notebook-dir=${rootDir}`, '--no-browser', ...listen, ...tokenArgs(frontEnd, token)];
  // Remote: a new network namespace (its own loopback) around Jupyter and its kernels;
  // the file system is shared, so the Unix socket is the only way in.
  const command = remote ? 'bwrap' : process.execPath;
  const args = remote
    ? ['--dev-bind', '/', '/', '--unshare-net', '--die-with-parent', '--', process.execPath, ...start]
    : start;
  const children = [spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })];
  let log = '';
  let exited;
  children[0].stdout.on('data', (c) => { log += c; });
  children[0].stderr.on('data', (c) => { log += c; });
  children[0].on('exit', (code, signal) => { exited = `${code ?? signal}`; });
  const stop = async () => {
    for (const child of children.reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      try {
        process.kill(-child.pid, 'SIGTERM'); // the whole group: Jupyter and its kernels
      } catch {
        // Already gone.
      }
      const gone = new Promise((r) => child.once('exit', r));
      const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 10_000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(sock, { force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  const api = async (method, path) => {
    const response = await fetch(`${base}${path}`, { method, headers: { authorization: `token ${token}` } });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status}`);
    return response.status === 204 ? undefined : response.json();
  };
  try {
    if (remote) {
      await until(() => existsSync(sock) || exited !== undefined, 120_000, () => `Jupyter made no socket in 120 s:\n${log}`);
      if (exited !== undefined) throw new Error(`Jupyter exited (${exited}):\n${log}`);
      // The bridge, on this side: 127.0.0.1:port → the namespace's Unix socket.
      const socat = spawn('socat', [`TCP-LISTEN:${port},bind=127.0.0.1,reuseaddr,fork`, `UNIX-CONNECT:${sock}`], { stdio: 'ignore', detached: true });
      children.push(socat);
    }
    await until(async () => {
      if (exited !== undefined) throw new Error(`Jupyter exited (${exited}):\n${log}`);
      try {
        await api('GET', '/api/status');
        return true;
      } catch {
        return false;
      }
    }, 120_000, () => `Jupyter did not answer in 120 s:\n${log}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, token, api, stop, log: () => log, sock: remote ? sock : undefined, port, rootDir };
}

/** Shuts down every session (and so every kernel) of a server; resolves when none is left. */
export async function shutdownKernels(server) {
  for (const session of await server.api('GET', '/api/sessions')) {
    await server.api('DELETE', `/api/sessions/${session.id}`).catch(() => undefined);
  }
  for (const kernel of await server.api('GET', '/api/kernels')) {
    await server.api('DELETE', `/api/kernels/${kernel.id}`).catch(() => undefined);
  }
  await until(async () => (await server.api('GET', '/api/kernels')).length === 0, 30_000, () => 'kernels still running after shutdown');
}

/**
 * The saved notebook `name` as JSON, read back from disk (what a student would reopen).
 * Not through the contents API: jupyter_server writes a notebook in place (after copying
 * it to `.~name`), and a GET that parses the file mid-write finds it invalid, renames it
 * `name.invalid` and restores the old copy — the test itself would undo the save it waits
 * for (seen under load). A read that meets a half-written file is retried.
 */
export async function savedNotebook(server, name) {
  let lastError;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    try {
      return JSON.parse(readFileSync(join(server.rootDir, name), 'utf8'));
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(`${name} could not be read back as JSON: ${lastError instanceof Error ? lastError.message : lastError}`);
}

/**
 * The network namespace of this process and of each running kernel of `server` (Linux:
 * the `net:[inode]` link in /proc), found by the kernel's connection file in its command line.
 */
export async function kernelNetworkNamespaces(server) {
  const ours = readlinkSync('/proc/self/ns/net');
  const ids = (await server.api('GET', '/api/kernels')).map((k) => k.id);
  const kernels = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (ids.some((id) => cmdline.includes(`kernel-${id}.json`)) && !cmdline.includes('bwrap')) kernels.push(readlinkSync(`/proc/${pid}/ns/net`));
    } catch {
      // A process that ended meanwhile, or one we may not read.
    }
  }
  return { ours, kernels };
}

/** The network namespace of this process and of the Jupyter server listening on `server.sock`. */
export function serverNetworkNamespaces(server) {
  const ours = readlinkSync('/proc/self/ns/net');
  const inside = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (/jupyter/.test(argv[1] ?? '') && argv.includes(`--sock=${server.sock}`)) inside.push(readlinkSync(`/proc/${pid}/ns/net`));
    } catch {
      // A process that ended meanwhile, or one we may not read.
    }
  }
  return { ours, inside };
}
