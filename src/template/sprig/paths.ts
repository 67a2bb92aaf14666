/** sprig path functions (Go's `path` package: forward slashes only). */
import { def, type FuncDef } from "../funcs.js";

/** path.Clean: lexical normalisation of slash-separated paths. */
export function cleanPath(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(part);
  }
  const s = (rooted ? "/" : "") + out.join("/");
  return s === "" ? "." : s;
}

function base(p: string): string {
  if (p === "") return ".";
  const t = p.replace(/\/+$/, "");
  if (t === "") return "/";
  return t.slice(t.lastIndexOf("/") + 1);
}

function dir(p: string): string {
  const i = p.lastIndexOf("/");
  return cleanPath(p.slice(0, i + 1));
}

function ext(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== "/"; i--) if (p[i] === ".") return p.slice(i);
  return "";
}

export const PATH_FUNCS: Record<string, FuncDef> = {
  base: def(["string"], (p) => base(p as string)),
  dir: def(["string"], (p) => dir(p as string)),
  ext: def(["string"], (p) => ext(p as string)),
  clean: def(["string"], (p) => cleanPath(p as string)),
  isAbs: def(["string"], (p) => (p as string).startsWith("/")),
};
