// uuid.rfc4122 and uuid.parse.
//
// uuid.rfc4122 is DETERMINISTIC here: the version-4-shaped UUID is derived from SHA-256 of the key, so the same
// key always yields the same UUID (OPA only guarantees that within one evaluation; scorec must be reproducible).
import { RObject, num } from "../value.js";
import { def, str } from "./args.js";
import { hexEncode, utf8 } from "./bytes.js";
import { sha256 } from "../../hash/digests.js";
import type { BuiltinDef } from "./types.js";

export function deterministicUUID(key: string): string {
  const b = sha256(utf8("uuid.rfc4122\u0000" + key)).slice(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = hexEncode(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The 16 bytes of a UUID in any of the forms Go's google/uuid accepts. */
function uuidBytes(s: string): Uint8Array | undefined {
  let hex: string;
  if (s.length === 36 || s.length === 45 || s.length === 38) {
    if (s.length === 45) {
      if (s.slice(0, 9).toLowerCase() !== "urn:uuid:") return undefined;
      s = s.slice(9);
    } else if (s.length === 38) {
      if (s[0] !== "{" || s[37] !== "}") return undefined;
      s = s.slice(1, 37);
    }
    if (s[8] !== "-" || s[13] !== "-" || s[18] !== "-" || s[23] !== "-") return undefined;
    hex = s.replace(/-/g, "");
  } else if (s.length === 32) hex = s;
  else return undefined;
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) return undefined;
  return Uint8Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(2 * i, 2 * i + 2), 16));
}

const GREGORIAN_TO_UNIX_100NS = 0x01b21dd213814000n;

export const uuidBuiltins: BuiltinDef[] = [
  def("uuid.rfc4122", ["string"], "string", (args) => deterministicUUID(str("uuid.rfc4122", args, 0))),
  def("uuid.parse", ["string"], { objectOf: ["string", "any"] }, (args) => {
    const b = uuidBytes(str("uuid.parse", args, 0));
    if (!b) return undefined;
    const out = new RObject();
    const version = b[6]! >> 4;
    const v8 = b[8]!;
    const variant = (v8 & 0xc0) === 0x80 ? "RFC4122" : (v8 & 0xe0) === 0xc0 ? "Microsoft" : (v8 & 0xe0) === 0xe0 ? "Future" : "Reserved";
    out.set("version", version);
    out.set("variant", variant);
    const u = (i: number, n: number) => b.slice(i, i + n).reduce((a, x) => (a << 8n) | BigInt(x), 0n);
    if (version === 1 || version === 2 || version === 6) {
      const t =
        version === 6
          ? (u(0, 4) << 28n) | (u(4, 2) << 12n) | (u(6, 2) & 0xfffn)
          : u(0, 4) | (u(4, 2) << 32n) | ((u(6, 2) & 0xfffn) << 48n);
      out.set("time", num((t - GREGORIAN_TO_UNIX_100NS) * 100n));
    }
    if (version === 7) out.set("time", num(u(0, 6) * 1000000n));
    if (version === 1 || version === 2) {
      out.set("clocksequence", ((b[8]! & 0x3f) << 8) | b[9]!);
      const node = b.slice(10, 16);
      out.set("nodeid", Array.from(node, (x) => x.toString(16).padStart(2, "0")).join("-"));
      out.set("macvariables", `${node[0]! & 0x02 ? "local" : "global"}:${node[0]! & 0x01 ? "multicast" : "unicast"}`);
    }
    if (version === 2) {
      const d = b[9]!;
      out.set("domain", d === 0 ? "Person" : d === 1 ? "Group" : d === 2 ? "Org" : `Domain${d}`);
      out.set("id", Number(u(0, 4)));
    }
    return out;
  }),
];
