import { describe, expect, it } from 'vitest';
import type { ChatRun } from '../../lib/p2p/chat';
import type { FanoutRow } from '../../lib/p2p/experiment';
import { summarizeP2P } from '../../lib/p2p/summary';
import { coverageFigure, duplicatesFigure } from '../../lib/p2p/plots';

const chat: ChatRun = {
  steps: [
    { step: 'a', messageId: 'p1#1', live: ['p1', 'p2', 'p3'], shownBy: ['p1', 'p2', 'p3'] },
    { step: 'b', messageId: 'p2#1', live: ['p1', 'p2'], shownBy: ['p1', 'p2'] },
  ],
  timesShown: new Map([['p1', new Map([['p1#1', 1], ['p2#1', 1]])], ['p2', new Map([['p1#1', 1], ['p2#1', 1]])], ['p3', new Map([['p1#1', 1]])]]),
  errors: [
    { peer: 'p1', kind: 'deadPeer', text: 'p1: p3 no responde; lo quito de mis vecinos y sigo', detail: 'ECONNREFUSED' },
    { peer: 'p1', kind: 'malformed', text: 'p1: mensaje P2P mal formado: no es JSON', detail: '' },
  ],
  duplicatesDiscarded: 2,
  handlesLeft: 0,
  peers: ['p1', 'p2', 'p3'],
};
const rows: FanoutRow[] = [
  { condition: 'sin fallos', fanout: 'all', coverage: 1, minCoverage: 1, duplicatesPerPeer: 3.66, sentPerMessage: 139.2 },
  { condition: 'pérdida 10 %', fanout: 2, coverage: 0.774, minCoverage: 0.7, duplicatesPerPeer: 0.6, sentPerMessage: 40 },
];

describe('summarizeP2P', () => {
  it('writes the comparison row from the run, with decimal commas', () => {
    const s = summarizeP2P({ chat, fanout: rows });
    expect(s.pattern).toBe('P2P');
    expect(s.coordinator).toContain('nadie: 3 pares iguales');
    expect(s.whenANodeDies).toBe('p3 murió sin avisar: p1 lo detectaron al escribirle y lo quitaron de sus vecinos; el mensaje siguiente (p2#1) llegó a 2 de 2 pares vivos');
    expect(s.scaling).toBe('inundar a todos: 139 envíos por mensaje y 3,7 duplicados por par; con fan-out 2 y 10 % de pérdida llega al 77\u00a0%');
    expect(s.measured).toBe('2 mensajes por TCP real: cada par vivo mostró cada uno exactamente 1 vez; 1 trama basura rechazada sin caerse; 0 sockets abiertos al final');
  });

  it('says so when a peer showed a line twice, or nobody died', () => {
    const twice: ChatRun = { ...chat, errors: [], timesShown: new Map([['p1', new Map([['p1#1', 2]])]]) };
    const s = summarizeP2P({ chat: twice });
    expect(s.measured).toContain('ALGÚN par mostró un mensaje 0 o 2 veces');
    expect(s.whenANodeDies).toBe('ningún par murió en esta ejecución');
    expect(s.scaling).toContain('aquí 3 pares');
  });
});

describe('plots', () => {
  it('one line per condition, fan-outs as categories, Spanish labels', () => {
    const fig = coverageFigure(rows);
    expect(fig.data.map((t) => t.name)).toEqual(['sin fallos', 'pérdida 10 %']);
    expect(fig.data[0]?.x).toEqual(['todos', '2']);
    expect(fig.data[1]?.y).toEqual([Number.NaN, 77.4]);
    expect(fig.layout?.xaxis?.type).toBe('category');
    expect(duplicatesFigure(rows).data[0]?.y).toEqual([3.66, Number.NaN]);
  });
});
