// Small helpers shared by the kit's command-line scripts.

/** The value after `--name` in `args`, or undefined. */
export function optionValue(args, name) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}
