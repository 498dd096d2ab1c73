import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The grader preloads scripts/lib/no-network.cjs into every submission. These tests never
// let a connection leave the machine: the real `connect` is replaced by a spy *before*
// the guard wraps it, so we only observe whether the guard would have let a call through.
const GUARD = resolve(__dirname, '..', '..', 'scripts', 'lib', 'no-network.cjs');

function probe(host: string): { passedThrough: boolean; error?: string } {
  const script = `
    const net = require('node:net');
    let passedThrough = false;
    net.Socket.prototype.connect = function () { passedThrough = true; return this; };
    require(${JSON.stringify(GUARD)});
    const socket = new net.Socket();
    let error;
    socket.on('error', (e) => { error = e.code + ': ' + e.message; });
    socket.connect({ host: ${JSON.stringify(host)}, port: 9 });
    setImmediate(() => console.log(JSON.stringify({ passedThrough, error })));
  `;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  return JSON.parse(run.stdout.trim()) as { passedThrough: boolean; error?: string };
}

describe('the grader’s network guard', () => {
  it.each(['127.0.0.1', '127.5.5.5', 'localhost', '::1'])('lets loopback through (%s)', (host) => {
    expect(probe(host)).toEqual({ passedThrough: true });
  });

  it.each(['203.0.113.7', 'example.org', '10.0.0.1', '::ffff:8.8.8.8'])('refuses %s before any packet is sent', (host) => {
    const result = probe(host);
    expect(result.passedThrough).toBe(false);
    expect(result.error).toMatch(/^EGRADINGNONET: red desactivada durante la corrección/);
  });
});
