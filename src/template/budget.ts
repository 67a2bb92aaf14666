// Size budgets of one template execution. A provisioner template runs on every compile and on every
// keystroke in the editor, so a hostile or runaway one must fail with a positioned error, never build
// gigabytes: `replace` / `repeat` / `indent` / `join` amplification is refused before the string is built,
// every function result is capped, and `toJson`/`toYaml` stop once their output passes the cap (a list
// doubled 40 times is small in memory but astronomically large once written out).
export const MAX_STEPS = 2_000_000;
export const MAX_OUTPUT_CHARS = 16 * 1024 * 1024;
export const MAX_VALUE_CHARS = 4 * 1024 * 1024;
/** Deepest nesting `toJson`, `toYaml` and printing walk into. */
export const MAX_VALUE_DEPTH = 500;

/** A budget was hit: never softened into a "" result by the lenient sprig functions. */
export class BudgetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BudgetError";
  }
}

/** Refuses a string result of `chars` characters before it is built. */
export function checkSize(chars: number, what: string): void {
  if (chars > MAX_VALUE_CHARS) throw new BudgetError(`${what} would build a string of ${chars} characters, over the template budget of ${MAX_VALUE_CHARS}`);
}
