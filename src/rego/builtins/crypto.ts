// crypto.* digests (hex) and HMACs, computed in plain TS.
import { def, str } from "./args.js";
import { hexEncode, utf8 } from "./bytes.js";
import { hmac, md5, sha1, sha256, sha512 } from "../../hash/digests.js";
import type { BuiltinDef } from "./types.js";

const digest = (name: string, h: (b: Uint8Array) => Uint8Array): BuiltinDef =>
  def(name, ["string"], "string", (args) => hexEncode(h(utf8(str(name, args, 0)))));

const mac = (name: string, h: (b: Uint8Array) => Uint8Array, block = 64): BuiltinDef =>
  def(name, ["string", "string"], "string", (args) => hexEncode(hmac(h, utf8(str(name, args, 1)), utf8(str(name, args, 0)), block)));

export const cryptoBuiltins: BuiltinDef[] = [
  digest("crypto.md5", md5),
  digest("crypto.sha1", sha1),
  digest("crypto.sha256", sha256),
  mac("crypto.hmac.md5", md5),
  mac("crypto.hmac.sha1", sha1),
  mac("crypto.hmac.sha256", sha256),
  mac("crypto.hmac.sha512", sha512, 128),
  def("crypto.hmac.equal", ["string", "string"], "boolean", (args) => {
    // Constant-time in spirit: compare every byte.
    const a = utf8(str("crypto.hmac.equal", args, 0));
    const b = utf8(str("crypto.hmac.equal", args, 1));
    let diff = a.length ^ b.length;
    for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
    return diff === 0;
  }),
];
