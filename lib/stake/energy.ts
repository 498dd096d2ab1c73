/**
 * Energy per block, proof of work vs proof of stake, as an order-of-magnitude table: each row
 * takes a published annual consumption and the protocol's block rate, and divides.
 */

/** One row of {@link energyPerBlockTable}. */
export interface EnergyRow {
  readonly network: string;
  readonly consensus: 'PoW' | 'PoS';
  /** Published annual electricity, in TWh per year. */
  readonly twhPerYear: number;
  /** Seconds between blocks (or slots). */
  readonly blockSeconds: number;
  /** kWh per block: twhPerYear · 10⁹ / (blocks per year). */
  readonly kwhPerBlock: number;
  /** Where the annual figure comes from (and when). */
  readonly source: string;
}

const SECONDS_PER_YEAR = 365 * 24 * 3_600;

/** The published figures the table is built from (order of magnitude: estimates vary by 2×). */
export const ENERGY_SOURCES: readonly Omit<EnergyRow, 'kwhPerBlock'>[] = [
  { network: 'Bitcoin', consensus: 'PoW', twhPerYear: 150, blockSeconds: 600, source: 'Cambridge Bitcoin Electricity Consumption Index (CBECI), estimación central 2024: ≈ 100–200 TWh/año' },
  { network: 'Ethereum antes de The Merge', consensus: 'PoW', twhPerYear: 23, blockSeconds: 13, source: 'CCRI, «The Merge – Implications on the Electricity Consumption and Carbon Footprint of the Ethereum Network» (sept. 2022): ≈ 23 TWh/año (Digiconomist daba 46–94)' },
  { network: 'Ethereum con PoS', consensus: 'PoS', twhPerYear: 0.0026, blockSeconds: 12, source: 'CCRI (sept. 2022): ≈ 2600 MWh/año para toda la red de validadores; ethereum.org cita 0,0026 TWh/año' },
];

/**
 * kWh per block for each network of {@link ENERGY_SOURCES} (or the rows given).
 *
 * @example
 * energyPerBlockTable().map((r) => [r.network, Math.round(r.kwhPerBlock)]); // Bitcoin ≈ 3·10⁶ kWh, Ethereum PoS ≈ 1 kWh
 */
export function energyPerBlockTable(sources: readonly Omit<EnergyRow, 'kwhPerBlock'>[] = ENERGY_SOURCES): EnergyRow[] {
  return sources.map((s) => {
    if (!(s.twhPerYear > 0) || !(s.blockSeconds > 0)) throw new RangeError(`${s.network}: consumo y tiempo entre bloques deben ser positivos`);
    return { ...s, kwhPerBlock: (s.twhPerYear * 1e9) / (SECONDS_PER_YEAR / s.blockSeconds) };
  });
}
