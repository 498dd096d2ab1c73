// Console errors in the browser test: which come from Jupyter itself (listed here, each
// by its exact source and why), so that every other one counts as the kit's.

const SESSION_REFUSED = {
  // The reopen check answers the page's POST /api/sessions with 503 (no kernel may
  // start), and Chromium logs the failed request: the test's doing, by design.
  pattern: /^console: Failed to load resource: the server responded with a status of 503 \(Service Unavailable\) \[http:\/\/127\.0\.0\.1:\d+\/api\/sessions(\?\d+)?\]$/,
  why: 'the reopen check refuses to start a kernel',
};
const DEBUGGER = {
  // JupyterLab's debugger extension asks every kernel for a debug session; tslab has
  // none, and the debugger's rejected promise surfaces as an uncaught page error.
  pattern: /^pageerror: No active debugger session \[http:\/\/127\.0\.0\.1:\d+\/static\/(lab\/jlab_core|notebook\/notebook_core)\.[0-9a-f]+\.js\?v=[0-9a-f]+\]$/,
  why: "JupyterLab's debugger extension, with a kernel (tslab) that has no debugger",
};

/**
 * Jupyter's own console errors, per front end: a pattern over the collected line
 * ("console: <text> [<source url>]" or "pageerror: …") and the reason it is not the kit's.
 */
export const JUPYTER_OWN = {
  classic: [
    // Classic Notebook 6 always tries the ipywidgets fallback (main.js, "HARDCODED
    // WIDGETS HACK"); without ipywidgets the server answers 404 with an HTML page, which
    // Chromium reports twice: the 404, and the script refused for its MIME type.
    { pattern: /\/nbextensions\/widgets\/notebook\/js\/extension\.js/, why: 'classic Notebook 6 probes for ipywidgets, not installed' },
    SESSION_REFUSED,
  ],
  lab: [
    SESSION_REFUSED,
    DEBUGGER,
  ],
  nb7: [
    SESSION_REFUSED,
    DEBUGGER,
    {
      // Notebook 7.6's keyboard-shortcuts plugin, on a settings change, reads the schema
      // of a plugin it has not loaded (seen with an empty settings dir too).
      pattern: /^pageerror: Cannot read properties of undefined \(reading 'schema'\) \[http:\/\/127\.0\.0\.1:\d+\/static\/notebook\/notebook_core\.[0-9a-f]+\.js\?v=[0-9a-f]+\]$/,
      why: "Notebook 7.6's shortcuts plugin reads a settings schema it has not loaded",
    },
  ],
};

/** The collected console errors that are not Jupyter's own (see {@link JUPYTER_OWN}). */
export function consoleErrorsOfKit(frontEnd, errors) {
  return errors.filter((line) => jupyterOwnReason(frontEnd, line) === undefined);
}

/** Why a console error line is Jupyter's own, or undefined when it may be the kit's. */
export function jupyterOwnReason(frontEnd, line) {
  return (JUPYTER_OWN[frontEnd] ?? []).find(({ pattern }) => pattern.test(line))?.why;
}
