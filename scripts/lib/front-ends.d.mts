/** A Jupyter front end the kit supports. */
export type FrontEnd = 'lab' | 'nb7' | 'classic';
/** Where an installed front end is: the `jupyter` that runs it, and its version. */
export interface Installed { jupyter: string; version: string }
/** A notebook's JSON, as far as the kit reads it. */
export interface NotebookJson {
  cells: Array<{ cell_type: string; source?: string | string[]; outputs?: Array<Record<string, any>>; execution_count?: number | null }>;
  [key: string]: unknown;
}
export const FRONT_ENDS: readonly FrontEnd[];
export const FRONT_END_NAMES: Record<FrontEnd, string>;
export const PLOTLY_MIME: 'application/vnd.plotly.v1+json';
export function venvJupyter(): string;
export function pythonOf(jupyter: string): string;
export function versionOf(text: string): number[];
export function findFrontEnds(): Partial<Record<FrontEnd, Installed>>;
export function describeJupyter(jupyter: string): { lab: string | null; notebook: string | null; plotly: boolean } | undefined;
export function defaultFrontEnd(found: Partial<Record<FrontEnd, Installed>>): FrontEnd | undefined;
export function serverArgs(frontEnd: FrontEnd, options: { rootDir: string; isRoot?: boolean; extra?: string[] }): string[];
export function tokenArgs(frontEnd: FrontEnd, token: string): string[];
export function notebookUrl(frontEnd: FrontEnd, base: string, name: string, token?: string, workspace?: string): string;
export function figureCount(notebook: unknown): number;
export function withoutOutputs<T extends NotebookJson>(notebook: T): T;
export function notebookErrors(notebook: NotebookJson): string[];
