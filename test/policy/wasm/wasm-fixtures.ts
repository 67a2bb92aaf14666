// Test-only builders: assemble the WAT fixtures with wabt, and write OPA-style bundle.tar.gz archives
// (ustar, with pax or GNU records for long names) so the bundle reader is tested on real bytes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import wabtInit from "wabt";

export const FIXTURES = join(import.meta.dirname, "../../../fixtures/policy-wasm");

let wabt: Awaited<ReturnType<typeof wabtInit>> | undefined;

export async function assemble(wat: string, name = "module.wat"): Promise<Uint8Array> {
  wabt ??= await wabtInit();
  const mod = wabt.parseWat(name, wat, { bulk_memory: true });
  try {
    return new Uint8Array(mod.toBinary({}).buffer);
  } finally {
    mod.destroy();
  }
}

/** image-tag.wat, optionally declaring another ABI minor version (1 → the SDK's eval-context path). */
export const readFixture = (name: string): string => readFileSync(join(FIXTURES, name), "utf8");

export async function imageTagWasm(abiMinor = 2): Promise<Uint8Array> {
  const src = readFileSync(join(FIXTURES, "image-tag.wat"), "utf8");
  const marked = "(i32.const 2)) ;; ABI_MINOR";
  if (!src.includes(marked)) throw new Error("ABI_MINOR marker missing from image-tag.wat");
  return assemble(src.replace(marked, `(i32.const ${abiMinor})) ;; ABI_MINOR`), "image-tag.wat");
}

export async function abortWasm(): Promise<Uint8Array> {
  return assemble(readFileSync(join(FIXTURES, "abort.wat"), "utf8"), "abort.wat");
}

export interface TarFile {
  name: string;
  data: Uint8Array | string;
  /** How to store a name over 100 bytes. */
  longName?: "pax" | "gnu" | "prefix";
  type?: string;
}

function header(name: string, size: number, type: string, prefix = ""): Uint8Array {
  const h = new Uint8Array(512);
  const put = (s: string, at: number, len: number) => h.set(new TextEncoder().encode(s).subarray(0, len), at);
  const octal = (n: number, len: number) => n.toString(8).padStart(len - 1, "0");
  put(name, 0, 100);
  put(octal(0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(0, 12), 136, 12);
  put(type, 156, 1);
  put("ustar", 257, 6);
  put("00", 263, 2);
  put(prefix, 345, 155);
  put("        ", 148, 8);
  const sum = h.reduce((a, b) => a + b, 0);
  put(sum.toString(8).padStart(6, "0") + "\0 ", 148, 8);
  return h;
}

function padded(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / 512) * 512);
  out.set(data);
  return out;
}

export function tar(files: TarFile[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of files) {
    const data = typeof f.data === "string" ? new TextEncoder().encode(f.data) : f.data;
    let name = f.name;
    let prefix = "";
    if (name.length > 100) {
      if (f.longName === "gnu") {
        const n = new TextEncoder().encode(name + "\0");
        parts.push(header("././@LongLink", n.length, "L"), padded(n));
      } else if (f.longName === "prefix") {
        const cut = name.lastIndexOf("/", name.length - 2);
        prefix = name.slice(0, cut);
        name = name.slice(cut + 1);
      } else {
        // pax lengths count bytes (Go's tar writer uses pax for long or non-ASCII names).
        const bytes = (t: string) => new TextEncoder().encode(t).length;
        const rec = (k: string, v: string) => {
          const body = ` ${k}=${v}\n`;
          let len = bytes(body) + 1;
          while (bytes(`${len}${body}`) !== len) len++;
          return `${len}${body}`;
        };
        const pax = new TextEncoder().encode(rec("path", name));
        parts.push(header("PaxHeader", pax.length, "x"), padded(pax));
      }
      if (f.longName !== "prefix") name = name.slice(0, 100);
    }
    parts.push(header(name, data.length, f.type ?? "0", prefix), padded(data));
  }
  parts.push(new Uint8Array(1024));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const bundle = (files: TarFile[]): Uint8Array => new Uint8Array(gzipSync(tar(files)));

export const manifest = (wasm: { entrypoint: string; module: string; annotations?: unknown[] }[], extra: Record<string, unknown> = {}): TarFile => ({
  name: "/.manifest",
  data: JSON.stringify({ revision: "test", roots: ["main", "allowed_registries"], wasm, ...extra }),
});
