// Caps that keep hostile or accidental inputs from hanging or exhausting the compiler.
export interface ParseLimits {
  /** Largest file accepted, in bytes. */
  maxFileSize: number;
  /** Deepest nesting of mappings/sequences accepted. */
  maxDepth: number;
  /** Most alias expansions accepted while converting a document (the "billion laughs" guard). */
  maxAliasCount: number;
}

export const DEFAULT_LIMITS: ParseLimits = {
  maxFileSize: 5 * 1024 * 1024,
  maxDepth: 64,
  maxAliasCount: 100,
};
