import { describe, expect, it } from 'vitest';
import { createDispatcher, defineMethod, ErrorCode, RpcError } from '../../lib/rpc/index';
import type { MethodDefinition } from '../../lib/rpc/index';

// The methods the specification's examples (§7) call.
const notified: unknown[] = [];
const specMethods = new Map<string, MethodDefinition>([
  [
    'subtract',
    defineMethod({
      params: [{ name: 'minuend', type: 'number' }, { name: 'subtrahend', type: 'number' }],
      handler: ({ minuend, subtrahend }) => minuend - subtrahend,
    }),
  ],
  ['sum', { handler: (params: number[]) => params.reduce((a, b) => a + b, 0) }],
  ['update', { handler: (params: unknown) => void notified.push(params) }],
  ['notify_hello', { handler: (params: unknown) => void notified.push(params) }],
  ['notify_sum', { handler: (params: unknown) => void notified.push(params) }],
  ['get_data', { handler: () => ['hello', 5] }],
]);
const spec = createDispatcher(specMethods);

describe('JSON-RPC 2.0 specification examples (§7), verbatim', () => {
  it.each([
    ['rpc call with positional parameters', '{"jsonrpc": "2.0", "method": "subtract", "params": [42, 23], "id": 1}', { jsonrpc: '2.0', result: 19, id: 1 }],
    ['positional parameters, swapped', '{"jsonrpc": "2.0", "method": "subtract", "params": [23, 42], "id": 2}', { jsonrpc: '2.0', result: -19, id: 2 }],
    ['rpc call with named parameters', '{"jsonrpc": "2.0", "method": "subtract", "params": {"subtrahend": 23, "minuend": 42}, "id": 3}', { jsonrpc: '2.0', result: 19, id: 3 }],
    ['named parameters in another order', '{"jsonrpc": "2.0", "method": "subtract", "params": {"minuend": 42, "subtrahend": 23}, "id": 4}', { jsonrpc: '2.0', result: 19, id: 4 }],
    ['a Notification', '{"jsonrpc": "2.0", "method": "update", "params": [1,2,3,4,5]}', undefined],
    ['a Notification without params', '{"jsonrpc": "2.0", "method": "foobar"}', undefined],
    ['rpc call of non-existent method', '{"jsonrpc": "2.0", "method": "foobar", "id": "1"}', { jsonrpc: '2.0', error: { code: -32601, message: 'Method not found' }, id: '1' }],
    ['rpc call with invalid JSON', '{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]', { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null }],
    ['rpc call with invalid Request object', '{"jsonrpc": "2.0", "method": 1, "params": "bar"}', { jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null }],
    ['rpc call Batch, invalid JSON', '[\n  {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},\n  {"jsonrpc": "2.0", "method"\n]', { jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null }],
    ['rpc call with an empty Array', '[]', { jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null }],
    ['rpc call with an invalid Batch (but not empty)', '[1]', [{ jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null }]],
    ['rpc call with invalid Batch', '[1,2,3]', [1, 2, 3].map(() => ({ jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null }))],
    [
      'rpc call Batch',
      `[
        {"jsonrpc": "2.0", "method": "sum", "params": [1,2,4], "id": "1"},
        {"jsonrpc": "2.0", "method": "notify_hello", "params": [7]},
        {"jsonrpc": "2.0", "method": "subtract", "params": [42,23], "id": "2"},
        {"foo": "boo"},
        {"jsonrpc": "2.0", "method": "foo.get", "params": {"name": "myself"}, "id": "5"},
        {"jsonrpc": "2.0", "method": "get_data", "id": "9"}
      ]`,
      [
        { jsonrpc: '2.0', result: 7, id: '1' },
        { jsonrpc: '2.0', result: 19, id: '2' },
        { jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null },
        { jsonrpc: '2.0', error: { code: -32601, message: 'Method not found' }, id: '5' },
        { jsonrpc: '2.0', result: ['hello', 5], id: '9' },
      ],
    ],
    ['rpc call Batch (all notifications)', '[\n{"jsonrpc": "2.0", "method": "notify_sum", "params": [1,2,4]},\n{"jsonrpc": "2.0", "method": "notify_hello", "params": [7]}\n]', undefined],
  ])('%s', async (_name, body, expected) => {
    expect(await spec.handleText(body)).toStrictEqual(expected);
  });

  it('runs notifications although it answers nothing (§4.1)', async () => {
    notified.length = 0;
    expect(await spec.handleText('{"jsonrpc":"2.0","method":"update","params":[9]}')).toBeUndefined();
    expect(notified).toEqual([[9]]);
  });
});

describe('rules of §4 and §5 beyond the examples', () => {
  const methods = new Map<string, MethodDefinition>([
    ['add', defineMethod({ params: [{ name: 'a', type: 'number' }, { name: 'b', type: 'number', optional: true }], handler: ({ a, b }) => a + (b ?? 0) })],
    ['boom', { handler: () => { throw new Error('se rompió'); } }],
    ['overdrawn', { handler: () => { throw new RpcError(-32001, 'Saldo insuficiente', { saldo: 3 }); } }],
    ['later', { handler: async () => 42 }],
    ['laterFails', { handler: async () => { throw new RpcError(7, 'nope'); } }],
    ['nothing', { handler: () => undefined }],
    ['big', { handler: () => 10n }],
    ['count', defineMethod({ params: [{ name: 'n', type: 'integer' }], handler: ({ n }) => n })],
  ]);
  const rpc = createDispatcher(methods);
  const call = (value: unknown) => rpc.handleValue(value);

  it.each([
    ['jsonrpc must be exactly "2.0"', { jsonrpc: '1.0', method: 'add', params: [1], id: 1 }, 1],
    ['jsonrpc is required', { method: 'add', params: [1], id: 1 }, 1],
    ['method must be a String', { jsonrpc: '2.0', method: null, id: 1 }, 1],
    ['params must be Structured, not a String', { jsonrpc: '2.0', method: 'add', params: 'a', id: 1 }, 1],
    ['params must be Structured, not a Number', { jsonrpc: '2.0', method: 'add', params: 3, id: 1 }, 1],
    ['params must not be null', { jsonrpc: '2.0', method: 'add', params: null, id: 1 }, 1],
    ['id must not be an Object', { jsonrpc: '2.0', method: 'add', params: [1], id: {} }, null],
    ['id must not be a Boolean', { jsonrpc: '2.0', method: 'add', params: [1], id: true }, null],
    ['id must not be an Array', { jsonrpc: '2.0', method: 'add', params: [1], id: [1] }, null],
    ['a bare String is not a Request', 'add', null],
    ['null is not a Request', null, null],
  ])('Invalid Request (-32600): %s', async (_name, message, id) => {
    expect(await call(message)).toStrictEqual({ jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id });
  });

  it('answers an invalid message that has no id, since it is not a valid Notification', async () => {
    expect(await call({ jsonrpc: '2.0', method: 5 })).toMatchObject({ error: { code: -32600 }, id: null });
  });

  it.each([
    ['too many positional params', [1, 2, 3], 'como mucho 2'],
    ['a missing required param', [], 'falta el parámetro "a"'],
    ['a wrong type', ['1', 2], 'tipo number'],
    ['an unknown named param', { a: 1, c: 2 }, 'desconocido "c"'],
    ['a missing named param', { b: 1 }, 'falta el parámetro "a"'],
  ])('Invalid params (-32602): %s', async (_name, params, reason) => {
    const response = await call({ jsonrpc: '2.0', method: 'add', params, id: 'x' });
    expect(response).toMatchObject({ jsonrpc: '2.0', error: { code: -32602, message: 'Invalid params' }, id: 'x' });
    expect(String((response as { error: { data: unknown } }).error.data)).toContain(reason);
  });

  it('accepts optional params by position and by name', async () => {
    expect(await call({ jsonrpc: '2.0', method: 'add', params: [1], id: 1 })).toStrictEqual({ jsonrpc: '2.0', result: 1, id: 1 });
    expect(await call({ jsonrpc: '2.0', method: 'add', params: { a: 1, b: 2 }, id: 2 })).toStrictEqual({ jsonrpc: '2.0', result: 3, id: 2 });
  });

  it('checks integer params', async () => {
    expect(await call({ jsonrpc: '2.0', method: 'count', params: [1.5], id: 1 })).toMatchObject({ error: { code: -32602 } });
  });

  it('an unexpected exception is an Internal error (-32603)', async () => {
    expect(await call({ jsonrpc: '2.0', method: 'boom', id: 1 })).toStrictEqual({
      jsonrpc: '2.0', error: { code: -32603, message: 'Internal error', data: 'se rompió' }, id: 1,
    });
  });

  it('hides exception messages when asked to', async () => {
    const quiet = createDispatcher(methods, { exposeInternalErrors: false });
    expect(await quiet.handleValue({ jsonrpc: '2.0', method: 'boom', id: 1 })).toStrictEqual({
      jsonrpc: '2.0', error: { code: -32603, message: 'Internal error' }, id: 1,
    });
  });

  it('an RpcError is sent with its own code, message and data (server error range too)', async () => {
    expect(await call({ jsonrpc: '2.0', method: 'overdrawn', id: 1 })).toStrictEqual({
      jsonrpc: '2.0', error: { code: -32001, message: 'Saldo insuficiente', data: { saldo: 3 } }, id: 1,
    });
    expect(await call({ jsonrpc: '2.0', method: 'laterFails', id: 2 })).toStrictEqual({
      jsonrpc: '2.0', error: { code: 7, message: 'nope' }, id: 2,
    });
  });

  it('async handlers answer through a promise; sync ones answer synchronously', async () => {
    expect(call({ jsonrpc: '2.0', method: 'later', id: 1 })).toBeInstanceOf(Promise);
    expect(await call({ jsonrpc: '2.0', method: 'later', id: 1 })).toStrictEqual({ jsonrpc: '2.0', result: 42, id: 1 });
    expect(call({ jsonrpc: '2.0', method: 'add', params: [1, 1], id: 1 })).not.toBeInstanceOf(Promise);
  });

  it('result is REQUIRED on success (§5): undefined becomes null', async () => {
    const response = await call({ jsonrpc: '2.0', method: 'nothing', id: 1 });
    expect(JSON.parse(JSON.stringify(response))).toStrictEqual({ jsonrpc: '2.0', result: null, id: 1 });
  });

  it('echoes string, number, fractional and null ids unchanged', async () => {
    for (const id of ['abc', 0, -7, 1.5, 1e300, null, '']) {
      expect(await call({ jsonrpc: '2.0', method: 'add', params: [1], id })).toStrictEqual({ jsonrpc: '2.0', result: 1, id });
    }
  });

  it('a method named rpc.* or inherited from Object is not found', async () => {
    for (const method of ['rpc.discover', 'toString', '__proto__', 'constructor']) {
      expect(await call({ jsonrpc: '2.0', method, id: 1 })).toMatchObject({ error: { code: ErrorCode.MethodNotFound } });
    }
  });

  it('registering a method named rpc.* is refused (§4 reserves those names)', () => {
    expect(() => createDispatcher(new Map([['rpc.discover', { handler: () => 1 }]]))).toThrow(/reservado/);
    expect(() => createDispatcher(new Map([['rpcx', { handler: () => 1 }]]))).not.toThrow();
  });

  it('a batch with async elements keeps the order of the elements', async () => {
    expect(await call([
      { jsonrpc: '2.0', method: 'later', id: 'a' },
      { jsonrpc: '2.0', method: 'add', params: [2], id: 'b' },
    ])).toStrictEqual([{ jsonrpc: '2.0', result: 42, id: 'a' }, { jsonrpc: '2.0', result: 2, id: 'b' }]);
  });

  it('a batch longer than maxBatchLength is one Invalid Request', async () => {
    const small = createDispatcher(methods, { maxBatchLength: 2 });
    const batch = [1, 2, 3].map((id) => ({ jsonrpc: '2.0', method: 'add', params: [id], id }));
    expect(await small.handleValue(batch)).toMatchObject({ error: { code: -32600 }, id: null });
  });

  it('a batch nested in a batch is an Invalid Request element', async () => {
    expect(await call([[{ jsonrpc: '2.0', method: 'add', params: [1], id: 1 }]])).toStrictEqual([
      { jsonrpc: '2.0', error: { code: -32600, message: 'Invalid Request' }, id: null },
    ]);
  });
});
