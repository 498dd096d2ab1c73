/**
 * The streaming chapter's speed, each figure next to a reference measured in the same run.
 *
 * 1. The transcoding ladder (40 tasks: 10 segments × 480p/720p/1080p/4K, 24 fps) on 1, 2 and 4
 *    worker threads, each as a ratio to the serial reference in the main thread
 *    (`transcodeSerially`, same tasks, no threads, no messages): the speed-up over "one server
 *    does everything" and what the threads cost when there is only one. Also the speed-up of 2
 *    threads over 1 (job time, threads' start excluded), and the co-run cost: the workers' own
 *    compute time on the same 40 tasks (`workMs`, measured inside each thread, no master and no
 *    messages in it) with 2 threads computing at once over 1 thread alone. On a machine whose 2
 *    cores share hardware, that ratio is > 1 and caps the speed-up at about 2 / ratio.
 * 2. The ABR player: one 20-minute session (300 segments) per rule, per segment, next to a bare
 *    loop that only integrates the same trace for the same downloads (`downloadSeconds`).
 *
 * Rounds alternate reference and measured runs; the median round's ratio is reported.
 * Run: `npx tsx bench/streaming.bench.ts` (or `npm run bench -- streaming`).
 */
import { availableParallelism } from 'node:os';
import { chapterRules, downloadSeconds, markovTrace, simulatePlayer, transcodeLadder, transcodeSerially } from '../lib/streaming/index';

const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  transcodeSerially();
  await transcodeLadder({ workers: 2 }); // warm-up
  const ratios = new Map<number, number[]>([[1, []], [2, []], [4, []]]);
  const speedUp2: number[] = [];
  const coRun: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const job = new Map<number, { jobMs: number; workMs: number }>();
    for (const workers of [1, 2, 4]) {
      const t0 = performance.now();
      transcodeSerially();
      const serialMs = performance.now() - t0;
      const run = await transcodeLadder({ workers });
      ratios.get(workers)!.push(serialMs / run.jobMs);
      job.set(workers, run);
    }
    speedUp2.push(job.get(1)!.jobMs / job.get(2)!.jobMs);
    coRun.push(job.get(2)!.workMs / job.get(1)!.workMs);
  }
  console.log(`escalera de transcodificación (40 tareas), ${availableParallelism()} núcleos:`);
  for (const [workers, xs] of ratios) console.log(`  ${workers} hilo(s): ${median(xs).toFixed(2)}× la velocidad de la referencia en el hilo principal (mediana de ${ROUNDS})`);
  console.log(`  2 hilos frente a 1: ${median(speedUp2).toFixed(2)}× más rápido (mediana de ${ROUNDS}; extremos ${Math.min(...speedUp2).toFixed(2)}–${Math.max(...speedUp2).toFixed(2)})`);
  console.log(`  cálculo puro de las 40 tareas con 2 hilos a la vez / con 1 solo: ${median(coRun).toFixed(2)}× (extremos ${Math.min(...coRun).toFixed(2)}–${Math.max(...coRun).toFixed(2)}): techo ≈ ${(2 / median(coRun)).toFixed(2)}×`);

  const trace = markovTrace({ seed: 'bench', durationS: 2400 });
  for (const { name, rule } of chapterRules()) {
    const perSegment: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      const run = simulatePlayer({ trace, rule, segments: 300 });
      const ms = performance.now() - t0;
      const t1 = performance.now();
      for (let k = 0; k < 20; k++) for (const s of run.segments) downloadSeconds(trace, s.requestS, s.kbps * 4);
      const bareMs = (performance.now() - t1) / 20;
      perSegment.push(ms / bareMs);
    }
    console.log(`reproductor ABR, ${name}: ${median(perSegment).toFixed(1)}× el bucle que solo integra la traza (300 segmentos)`);
  }
}

void main();
