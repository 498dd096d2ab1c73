import { describe, expect, it } from 'vitest';
import { formatP2PMessage, MalformedMessageError, parseEnvelope, validateP2PMessage } from '../../lib/p2p/messages';

describe('P2P messages', () => {
  it.each([
    [{ type: 'Chat', id: 'p1#1', origin: 'p1', text: 'hola' }, 'Chat p1#1 «hola»'],
    [{ type: 'Join', peer: 'p5', port: 4000 }, 'Join p5'],
    [{ type: 'Leave', peer: 'p2', linkSeq: 3 }, 'Leave p2'],
    [{ type: 'Ack', linkSeq: 0 }, 'Ack 0'],
  ])('accepts %j', (value, line) => {
    const message = validateP2PMessage(value);
    expect(message).toEqual(value);
    expect(formatP2PMessage(message)).toBe(line);
  });

  it('drops unknown fields', () => {
    expect(validateP2PMessage({ type: 'Leave', peer: 'p2', extra: { a: 1 } })).toEqual({ type: 'Leave', peer: 'p2' });
  });

  it.each([
    [null, 'no es un objeto JSON'],
    [[1, 2], 'no es un objeto JSON'],
    [{ type: 'Gossip' }, 'tipo desconocido "Gossip"'],
    [{ type: 'Chat', id: 7, origin: 'p1', text: 'x' }, '«id» debe ser un texto, es number'],
    [{ type: 'Chat', id: 'p1#1', origin: 'p1', text: '' }, '«text» debe tener entre 1 y 4096'],
    [{ type: 'Chat', id: 'p1#1', origin: 'p 1', text: 'x' }, '«origin» tiene caracteres no permitidos'],
    [{ type: 'Chat', id: 'p1#1', origin: 'p1', text: 'x'.repeat(5000) }, 'entre 1 y 4096'],
    [{ type: 'Join', peer: 'p5', port: 70000 }, '«port» debe ser un puerto'],
    [{ type: 'Ack' }, 'un Ack necesita «linkSeq»'],
    [{ type: 'Leave', peer: 'p2', linkSeq: -1 }, '«linkSeq» debe ser un entero ≥ 0'],
  ])('rejects %j with a Spanish reason', (value, reason) => {
    expect(() => validateP2PMessage(value)).toThrow(MalformedMessageError);
    expect(() => validateP2PMessage(value)).toThrow(reason);
  });

  it('parses an envelope and rejects frames that are not one', () => {
    expect(parseEnvelope(JSON.stringify({ from: 'p1', message: { type: 'Leave', peer: 'p1' } }))).toEqual({ from: 'p1', message: { type: 'Leave', peer: 'p1' } });
    expect(() => parseEnvelope('esto no es JSON')).toThrow('no es JSON: "esto no es JSON"');
    expect(() => parseEnvelope('[1]')).toThrow('la trama no es un objeto { from, message }');
    expect(() => parseEnvelope(JSON.stringify({ message: { type: 'Leave', peer: 'p1' } }))).toThrow('«from» debe ser un texto');
    expect(() => parseEnvelope(JSON.stringify({ from: 'p1', message: { type: 'Chat' } }))).toThrow('«id» debe ser un texto, es undefined');
  });
});
