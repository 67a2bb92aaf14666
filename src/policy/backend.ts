// The one interface both policy back ends implement: our TypeScript Rego evaluator (for `.rego` files)
// and OPA-compiled WASM (through @open-policy-agent/opa-wasm). The conftest layer above it only asks
// "which namespaces and rules are there" and "what does data.<namespace>.<rule> evaluate to".

/** Where a failure to load a policy is, for a positioned diagnostic. */
export interface PolicyLoadError {
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
}

/** `# METADATA` of a rule (Rego back end) or of a bundle entrypoint (from the bundle's manifest/annotations). */
export interface RuleAnnotations {
  title?: string;
  description?: string;
  /** `custom:` block (we read `id`, `severity`, … from it). */
  custom?: Record<string, unknown>;
  relatedResources?: string[];
  /** Where the rule is declared. */
  file?: string;
  line?: number;
}

export interface PolicyRule {
  /** Dotted package path without the leading `data.`, e.g. "main" or "scorec.images". */
  namespace: string;
  /** Rule name, e.g. "deny", "warn_latest", "exception", "test_pinned". */
  name: string;
  annotations?: RuleAnnotations;
}

export interface LoadedPolicies {
  readonly backend: "rego" | "wasm";
  /** Every queryable rule, in (namespace, name) code-point order. */
  rules(): PolicyRule[];
  /**
   * Evaluate `data.<namespace>.<rule>` with this input and data; JSON in, JSON out (sets as sorted arrays).
   * Returns undefined when the rule is undefined. Throws PolicyEvalError on evaluation errors.
   */
  evaluate(namespace: string, rule: string, input: unknown, data: unknown): unknown | undefined;
  /**
   * Optional: several rules of one namespace for one input at once (a back end can share work between
   * them). Same results as calling `evaluate` for each; an error fails the whole call.
   */
  evaluateMany?(namespace: string, rules: readonly string[], input: unknown, data: unknown): (unknown | undefined)[];
}

export class PolicyEvalError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}
