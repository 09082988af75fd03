/**
 * The one builder of "show me the code" text on the frontend (the twin of jupyter_escape/core/snippets.py):
 * every value placed into generated Python goes through here, so text from a remote service, a notebook or a
 * form stays a value when the code is pasted and run. tests/security/test_snippets.py feeds hostile strings to
 * every generator that uses it and checks the code's shape.
 */

/**
 * A Python literal for a JSON-like value. Strings are JSON strings, which are valid Python literals with the
 * same value (JSON escapes every control character and lone surrogate); non-finite numbers are spelled
 * `float("nan")` because JSON would write `null`, a name in Python.
 */
export function py(value: unknown): string {
  if (value === null || value === undefined) {
    return 'None';
  }
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? JSON.stringify(value) : `float("${value}")`;
  }
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(py).join(', ')}]`;
  }
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${JSON.stringify(k)}: ${py(v)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(String(value));
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A keyword-argument name: refused unless it is a plain Python identifier. */
export function pyName(name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new Error(`${JSON.stringify(name)} is not a Python identifier`);
  }
  return name;
}

/** `name=value` for each entry, values as literals. */
export function pyKwargs(values: Record<string, unknown>): string[] {
  return Object.entries(values).map(([k, v]) => `${pyName(k)}=${py(v)}`);
}

// Characters that end a line for Python's tokenizer (CR, form feed...) or hide one (U+2028, BOM).
// eslint-disable-next-line no-control-regex
const LINE_BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;

/** `# text` on one line whatever the text holds. */
export function pyComment(text: string): string {
  return `# ${String(text).replace(LINE_BREAKS, ' ')}`;
}
