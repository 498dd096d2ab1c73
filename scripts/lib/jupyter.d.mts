// Types of jupyter.mjs's exports that TypeScript tests use.
export const ROOT: string;
export const NOTEBOOKS: string;
export const BUILD: string;
export const JUPYTER_DATA: string;
export const JUPYTER_VENV: string;
export const KERNEL_NAME: string;
export const CLASSIC_PLOTLY_FILE: string;
/** Copies the installed plotly.js to `target` unless an identical copy is there. */
export function installClassicPlotly(target?: string): { file: string; changed: boolean };
export function jupyterEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
export function probe(command: string, args: string[], options?: object): { ok: boolean; stdout: string; stderr: string; error?: Error };
