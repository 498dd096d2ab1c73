/** A per-sandbox control group (see grading-cgroup.mjs). */
export interface Cgroup {
  readonly name: string;
  /** The group's folders, one per hierarchy. */
  readonly dirs: readonly string[];
  /** Wraps `command args` so the process joins this group before it runs. */
  wrap(command: string, args: readonly string[]): { command: string; args: string[] };
  /** CPU time of the whole group so far, in ms; undefined where it is not accounted. */
  cpuMs(): number | undefined;
  /** Pids still in the group. */
  pids(): number[];
  /** Kills whatever is left in the group and removes it. */
  destroy(): void;
}
/** Why per-sandbox cgroups cannot be used here, or undefined when they can. */
export function cgroupUnavailable(): string | undefined;
/** Creates the group `name` with a memory and a process limit; undefined when not possible here. */
export function createCgroup(name: string, limits: { memoryBytes: number; processes: number }): Cgroup | undefined;
