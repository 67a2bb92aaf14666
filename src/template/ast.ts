/** Parse tree of a template, shaped after Go's text/template/parse nodes. */
export type Node =
  | TextNode
  | ActionNode
  | IfNode
  | RangeNode
  | WithNode
  | TemplateNode
  | BreakNode
  | ContinueNode;

export interface TextNode { type: "text"; pos: number; text: string }
export interface ActionNode { type: "action"; pos: number; pipe: PipeNode }
export interface IfNode { type: "if"; pos: number; pipe: PipeNode; list: Node[]; elseList: Node[] | null }
export interface WithNode { type: "with"; pos: number; pipe: PipeNode; list: Node[]; elseList: Node[] | null }
export interface RangeNode { type: "range"; pos: number; pipe: PipeNode; list: Node[]; elseList: Node[] | null }
export interface TemplateNode { type: "template"; pos: number; name: string; pipe: PipeNode | null }
export interface BreakNode { type: "break"; pos: number }
export interface ContinueNode { type: "continue"; pos: number }

export interface PipeNode {
  type: "pipe";
  pos: number;
  isAssign: boolean; // `$x = …` rather than `$x := …`
  decl: VariableNode[];
  cmds: CommandNode[];
}
export interface CommandNode { type: "command"; pos: number; args: ArgNode[] }

export type ArgNode =
  | FieldNode
  | ChainNode
  | VariableNode
  | IdentifierNode
  | DotNode
  | NilNode
  | BoolNode
  | NumberNode
  | StringNode
  | PipeNode;

export interface FieldNode { type: "field"; pos: number; ident: string[] }
/** `(expr).A.B` or `$x.A` style chains where the head is not itself a field. */
export interface ChainNode { type: "chain"; pos: number; node: ArgNode; field: string[] }
export interface VariableNode { type: "variable"; pos: number; ident: string[] } // ident[0] is "$name"
export interface IdentifierNode { type: "identifier"; pos: number; ident: string }
export interface DotNode { type: "dot"; pos: number }
export interface NilNode { type: "nil"; pos: number }
export interface BoolNode { type: "bool"; pos: number; val: boolean }
export interface NumberNode {
  type: "number";
  pos: number;
  text: string;
  isInt: boolean;
  isFloat: boolean;
  int: bigint | null;
  float: number;
}
export interface StringNode { type: "string"; pos: number; quoted: string; text: string }

/** Renders an argument node back to source, for Go-like "at <…>" error context. */
export function nodeString(n: ArgNode | CommandNode): string {
  switch (n.type) {
    case "field": return "." + n.ident.join(".");
    case "chain": return (n.node.type === "pipe" ? "(" + nodeString(n.node) + ")" : nodeString(n.node)) + "." + n.field.join(".");
    case "variable": return n.ident.join(".");
    case "identifier": return n.ident;
    case "dot": return ".";
    case "nil": return "nil";
    case "bool": return String(n.val);
    case "number": return n.text;
    case "string": return n.quoted;
    case "command": return n.args.map((a) => (a.type === "pipe" ? "(" + nodeString(a) + ")" : nodeString(a))).join(" ");
    case "pipe": {
      const d = n.decl.length ? n.decl.map((v) => v.ident[0]).join(", ") + (n.isAssign ? " = " : " := ") : "";
      return d + n.cmds.map(nodeString).join(" | ");
    }
  }
}
