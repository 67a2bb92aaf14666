// Every conformance case we skip, with the reason. One place, so the skip list can be reviewed at a glance.

export interface SkipRule {
  /** Substring of the case file path (relative to the corpus root given on the command line). */
  file?: string;
  /** Regular expression tested against the case note. */
  note?: RegExp;
  /** Regular expression tested against the concatenated module sources and query. */
  source?: RegExp;
  reason: string;
}

export const SKIPS: SkipRule[] = [
  {
    file: "rego-cpp/bigint.yaml",
    reason: "rego-cpp marks bigint.yaml as speculative (not part of its compliance suite); results use a different layout",
  },
  {
    file: "regorus/data/tests.yaml",
    note: /^(numbers are converted to string as needed when indexing data|overriding refs in data produces no error|rule named data)$/,
    reason: "Regorus-specific semantics that differ from OPA (number-to-string data keys, base data overriding rules)",
  },
  {
    file: "regorus/loop/chained.yaml",
    note: /^chained$/,
    reason: "its want_result uses an under-indented flow sequence that only serde_yaml accepts; the `yaml` package misreads it",
  },
  {
    file: "regorus/import/tests.yaml",
    note: /^overload error does not leak callee module imports$/,
    reason: "Regorus stops at the first function definition with a value; OPA evaluates all and reports the conflict",
  },
  {
    file: "regorus/import/tests.yaml",
    note: /^import alias shadowed by rule$/,
    reason: "Regorus lets a rule shadow an import alias; the case itself notes OPA keeps the import (we follow OPA)",
  },
  {
    file: "regorus/some/tests.yaml",
    note: /^(array-length-mismatch|invalid-(null|bool|number|string))$/,
    reason: "Regorus raises run-time errors for `some … in` over non-collections / mismatched patterns; OPA is undefined",
  },
  {
    file: "regorus/binding/bindings.yaml",
    note: /^some-in-array-length-mismatch-error$/,
    reason: "Regorus raises a run-time error for a mismatched `some … in` pattern; OPA is undefined",
  },
];

/**
 * Builtin families excluded on purpose (network access, key material, runtime introspection). A case using
 * one of these builtins is skipped only while the registry does not provide that builtin.
 */
export const EXCLUDED_BUILTIN_FAMILIES: { pattern: RegExp; reason: string }[] = [
  { pattern: /\bio\.jwt\.[a-z_0-9]+/g, reason: "io.jwt.* builtin not provided by the registry" },
  { pattern: /\bcrypto\.[a-z_0-9.]+/g, reason: "crypto.* builtin not provided by the registry (parse_certificate_request, parse_keypair, parse_private_keys)" },
  { pattern: /\bhttp\.send\b/g, reason: "http.send is excluded on purpose: no network access during linting" },
  { pattern: /\bnet\.lookup_ip_addr\b/g, reason: "net.lookup_ip_addr is excluded on purpose: no DNS during linting" },
  { pattern: /\bnet\.cidr_[a-z_]+/g, reason: "net.cidr_* builtins not provided by the registry" },
  { pattern: /\bopa\.runtime\b/g, reason: "opa.runtime is excluded on purpose: no OPA runtime" },
  { pattern: /\brego\.parse_module\b/g, reason: "rego.parse_module is excluded on purpose: returns OPA's internal AST JSON" },
  { pattern: /\bproviders\.aws\.[a-z_0-9.]+/g, reason: "providers.aws.* is excluded on purpose: cloud signing" },
];

/** Corpus-level skip markers honoured from the case itself. */
export const CASE_FLAG_SKIPS = {
  regorusSkip: "marked `skip: true` in the Regorus corpus (its own runner skips it)",
  wantPrints: "Regorus `want_prints` expects Regorus' `<file>:<line>: value` print format, which OPA does not use",
};
