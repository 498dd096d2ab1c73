/**
 * The comparison table of the four ways to find a file, filled from the chapter's own runs:
 * flooding (unstructured), Chord and Kademlia (structured), and a Napster index (hybrid).
 */
import { formatNumber, formatPercent } from '../plot/format';
import type { ChurnRow, FloodRow, ScalingRow } from './experiment';
import { NapsterIndex } from './hybrid';

/** One row of the comparison (Spanish cells, ready for `showTable`). */
export type LookupComparisonRow = {
  readonly Sistema: string;
  readonly Tipo: string;
  readonly 'Cómo busca': string;
  readonly 'Mensajes por búsqueda (medido)': string;
  readonly 'Saltos (medido)': string;
  readonly 'Estado por nodo': string;
  readonly 'Si se caen nodos': string;
};

/**
 * The comparison rows. `scaling` is the row of the size compared, `flood` the TTL rows (on
 * their own overlay), `churn` the churn rows at one rate.
 */
export function compareLookups(input: { scaling: ScalingRow; flood: readonly FloodRow[]; churn: readonly ChurnRow[]; peers: number }): LookupComparisonRow[] {
  const n = input.scaling.n;
  const full = input.flood.find((r) => r.reached >= 0.99) ?? input.flood[input.flood.length - 1];
  const churnOf = (label: string) => input.churn.find((r) => r.system === label);
  const rate = input.churn[0]?.rate ?? 0;
  const failed = (label: string) => {
    const row = churnOf(label);
    return row === undefined ? 'no medido' : `${formatPercent(row.failed, { maxDecimals: 1 })} de búsquedas fallidas con el ${formatPercent(rate, { maxDecimals: 0 })} caído`;
  };
  // The hybrid row runs a real index: N peers publish one file each, one search, then the index dies.
  const index = new NapsterIndex();
  for (let i = 1; i <= n; i++) index.publish(`p${i}`, [`archivo-${i}`]);
  const found = index.search('archivo-1');
  index.crash();
  const afterCrash = index.search('archivo-1');
  return [
    {
      Sistema: 'Inundación (Gnutella)', Tipo: 'no estructurado', 'Cómo busca': 'pregunta a todos los vecinos, hasta agotar el TTL',
      'Mensajes por búsqueda (medido)': full === undefined ? 'no medido' : `${formatNumber(full.messages, { maxDecimals: 0 })} para llegar al ${formatPercent(full.reached, { maxDecimals: 0 })} de ${formatNumber(input.peers)} pares (TTL ${full.ttl})`,
      'Saltos (medido)': full === undefined ? '—' : `TTL ${full.ttl}`,
      'Estado por nodo': 'sus vecinos (unos 6)', 'Si se caen nodos': 'sigue funcionando mientras la red siga conexa; busca también por palabras',
    },
    {
      Sistema: 'Chord', Tipo: 'estructurado (DHT)', 'Cómo busca': 'salta por la tabla de dedos hacia el predecesor de la clave',
      'Mensajes por búsqueda (medido)': `${formatNumber(input.scaling.chordMessages, { maxDecimals: 1 })} con N = ${formatNumber(n)}`,
      'Saltos (medido)': `${formatNumber(input.scaling.chordHops, { maxDecimals: 1 })} (½·log₂ N = ${formatNumber(input.scaling.halfLog2, { maxDecimals: 1 })}, +1 por contactar al responsable)`,
      'Estado por nodo': '32 dedos + r sucesores', 'Si se caen nodos': `r = 1: ${failed('Chord, r = 1')}; r = 8: ${failed('Chord, r = 8')}`,
    },
    {
      Sistema: 'Kademlia', Tipo: 'estructurado (DHT)', 'Cómo busca': 'pregunta a α = 3 contactos a la vez por los k más cercanos (XOR)',
      'Mensajes por búsqueda (medido)': `${formatNumber(input.scaling.kademliaMessages, { maxDecimals: 1 })} con N = ${formatNumber(n)}`,
      'Saltos (medido)': `${formatNumber(input.scaling.kademliaHops, { maxDecimals: 1 })} hasta el más cercano, ${formatNumber(input.scaling.kademliaRounds, { maxDecimals: 1 })} rondas en total`,
      'Estado por nodo': 'hasta k = 20 contactos por bucket', 'Si se caen nodos': failed('Kademlia, k = 20, α = 3'),
    },
    {
      Sistema: 'Índice central (Napster)', Tipo: 'híbrido', 'Cómo busca': 'pregunta al servidor índice; el archivo va de par a par',
      'Mensajes por búsqueda (medido)': `${found.messages} (consulta y respuesta)`, 'Saltos (medido)': '1',
      'Estado por nodo': `el índice guarda las ${formatNumber(index.entries)} entradas de toda la red`,
      'Si se caen nodos': `si cae el índice: ${afterCrash.failure ?? 'nada'}`,
    },
  ];
}
