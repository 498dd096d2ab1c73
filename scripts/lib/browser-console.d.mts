/** Jupyter's own console errors per front end: a pattern and why it is not the kit's. */
export const JUPYTER_OWN: Record<string, Array<{ pattern: RegExp; why: string }>>;
/** The collected console errors that are not Jupyter's own. */
export function consoleErrorsOfKit(frontEnd: string, errors: string[]): string[];
/** Why a console error line is Jupyter's own, or undefined when it may be the kit's. */
export function jupyterOwnReason(frontEnd: string, line: string): string | undefined;
