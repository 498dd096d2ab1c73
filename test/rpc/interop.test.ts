import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import jayson from 'jayson';
import { JSONRPCClient } from 'json-rpc-2.0';
import type { JSONRPCResponse } from 'json-rpc-2.0';
import { describe, expect, it } from 'vitest';
import { createLectureDispatcher, startHttpServer } from '../../lib/rpc/index';

const root = path.resolve(__dirname, '../..');
const lectureClient = path.join(__dirname, 'fixtures', 'lecture_client.py');

/** Debian's python3 first (python3-requests comes from apt), then whatever python3 is on PATH. */
function findPythonWithRequests(): string | undefined {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(candidate, ['-c', 'import requests'], { stdio: 'ignore' });
    if (probe.status === 0) return candidate;
  }
  return undefined;
}

function run(command: string, args: string[], timeoutMs = 20_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Starts `npm run rpc-server`'s script on a port; resolves once it prints its listening line. */
function startScript(port: number): Promise<{ stop: () => Promise<void> } | { failed: string }> {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/rpc-server.ts', '--port', String(port)], {
      cwd: root, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (d: Buffer): void => {
      output += d.toString();
      if (output.includes('escuchando en')) {
        resolve({
          stop: () => new Promise<void>((done) => {
            child.once('close', () => done());
            child.kill('SIGTERM');
          }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', () => resolve({ failed: output }));
  });
}

const python = findPythonWithRequests();
const expectedOutput =
  "Resultado de la suma: {'jsonrpc': '2.0', 'result': 30, 'id': 1}\n" +
  "Resultado de la multiplicación: {'jsonrpc': '2.0', 'result': 20, 'id': 1}\n";

describe('interoperability', () => {
  if (!python) console.warn('SKIP: ni /usr/bin/python3 ni python3 pueden importar requests (apt-get install python3-requests)');

  it.skipIf(!python)('the lecture\'s own Python client (requests.post, verbatim) works against npm run rpc-server on port 5000', async () => {
    const started = await startScript(5000);
    if ('stop' in started) {
      try {
        const result = await run(python!, [lectureClient]);
        expect(result.stdout, `python stderr: ${result.stderr}`).toBe(expectedOutput);
        expect(result.code).toBe(0);
      } finally {
        await started.stop();
      }
      return;
    }
    // Port 5000 is taken on this machine: run the same unchanged file, redirecting its URL to a free port.
    expect(started.failed).toContain('EADDRINUSE');
    const server = await startHttpServer({ dispatcher: createLectureDispatcher() });
    try {
      const wrapper =
        'import runpy, sys, requests\n' +
        'post = requests.post\n' +
        `requests.post = lambda url, **kw: post(url.replace(":5000", ":${server.port}"), **kw)\n` +
        'runpy.run_path(sys.argv[1], run_name="__main__")\n';
      const result = await run(python!, ['-c', wrapper, lectureClient]);
      expect(result.stdout, `python stderr: ${result.stderr}`).toBe(expectedOutput);
    } finally {
      await server.close();
    }
  });

  it('npm run rpc-server refuses a bad --port', async () => {
    const result = await run(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/rpc-server.ts', '--port', 'abc']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--port');
  });

  it('jayson\'s HTTP client (npm) calls, batches and sees errors', async () => {
    const server = await startHttpServer({ dispatcher: createLectureDispatcher() });
    const client = jayson.client.http({ host: '127.0.0.1', port: server.port });
    const call = (method: string, params: unknown): Promise<{ result?: unknown; error?: { code: number } }> =>
      new Promise((resolve, reject) =>
        client.request(method, params as jayson.RequestParamsLike, (err: unknown, response: unknown) =>
          err ? reject(err) : resolve(response as { result?: unknown }),
        ),
      );
    try {
      expect((await call('add', { a: 10, b: 20 })).result).toBe(30);
      expect((await call('multiply', [5, 4])).result).toBe(20);
      expect((await call('nope', [])).error?.code).toBe(-32601);
      const batch = await new Promise<unknown[]>((resolve, reject) =>
        client.request(
          [{ jsonrpc: '2.0', method: 'sumar', params: [5, 3], id: 'j1' }, { jsonrpc: '2.0', method: 'add', params: [1], id: 'j2' }],
          (err: unknown, responses: unknown) => (err ? reject(err) : resolve(responses as unknown[])),
        ),
      );
      expect(batch).toHaveLength(2);
      expect(batch).toEqual(expect.arrayContaining([expect.objectContaining({ result: 8 }), expect.objectContaining({ error: expect.objectContaining({ code: -32602 }) })]));
    } finally {
      await server.close();
    }
  });

  it('json-rpc-2.0\'s client (npm) over fetch: request, notify, error', async () => {
    const server = await startHttpServer({ dispatcher: createLectureDispatcher() });
    const client: JSONRPCClient = new JSONRPCClient((request) =>
      fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) }).then(
        async (response) => {
          if (response.status === 200) client.receive((await response.json()) as JSONRPCResponse);
          else if (response.status !== 204) throw new Error(response.statusText);
        },
      ),
    );
    try {
      expect(await client.request('sumar', { a: 5, b: 3 })).toBe(8);
      expect(await client.request('subtract', [42, 23])).toBe(19);
      await client.notify('add', [1, 2]);
      await expect(client.request('multiply', { a: 'x', b: 2 })).rejects.toMatchObject({ code: -32602 });
    } finally {
      await server.close();
    }
  });
});
