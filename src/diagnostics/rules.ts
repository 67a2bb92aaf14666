// Metadata of every rule id scorec can emit, for SARIF `rules`, `--format json` and hover text.
import { byCodePoint } from "./diagnostic.js";
export interface RuleMeta {
  id: string;
  title: string;
  description: string;
  /** Default severity when the rule fires. */
  severity: "error" | "warning" | "info";
  /** Only set when the rule's author gave one (policy METADATA related_resources); never invented. */
  url?: string;
}

/** A registry other stages add to (policy rules register their # METADATA here at load time). */
export class RuleRegistry {
  private readonly rules = new Map<string, RuleMeta>();
  add(meta: RuleMeta): void {
    this.rules.set(meta.id, meta);
  }
  get(id: string): RuleMeta | undefined {
    return this.rules.get(id);
  }
  all(): RuleMeta[] {
    return [...this.rules.values()].sort((a, b) => byCodePoint(a.id, b.id));
  }
}
