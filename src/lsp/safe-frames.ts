// The LSP base protocol read defensively. vscode-jsonrpc stops reading for good after a malformed header
// (a bad or missing Content-Length, a garbage line), which leaves the editor with a dead server. This
// filter sits between stdin and the connection: it passes well-formed messages through unchanged, and
// logs and drops anything else, then resynchronises on the next `Content-Length:` header. A body larger
// than the cap is refused the same way, never buffered.
import { Transform, type TransformCallback } from "node:stream";

const HEADER_END = Buffer.from("\r\n\r\n");
const RESYNC = Buffer.from("Content-Length:");
/** Largest message accepted (an editor buffer is at most the --max-file-size of a Score file, plus JSON). */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
/** Longest header block accepted. */
const MAX_HEADER_BYTES = 8 * 1024;

export class SafeFrames extends Transform {
  private buf: Buffer = Buffer.alloc(0);

  constructor(private readonly log: (message: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    this.drain();
    done();
  }

  private drain(): void {
    for (;;) {
      if (this.buf.length === 0) return;
      const end = this.buf.indexOf(HEADER_END);
      if (end < 0) {
        if (this.buf.length > MAX_HEADER_BYTES) this.discard("a header block without an end");
        return;
      }
      const header = this.buf.subarray(0, end).toString("ascii");
      const length = contentLength(header);
      if (typeof length === "string") {
        this.discard(length, end + HEADER_END.length);
        continue;
      }
      const bodyStart = end + HEADER_END.length;
      if (length > MAX_MESSAGE_BYTES) {
        // Never buffered nor trusted: the next header is looked for right after this one.
        this.discard(`a Content-Length of ${length} bytes, over ${MAX_MESSAGE_BYTES}`, bodyStart);
        continue;
      }
      if (this.buf.length < bodyStart + length) return; // wait for the rest of the body
      const body = this.buf.subarray(bodyStart, bodyStart + length);
      this.buf = this.buf.subarray(bodyStart + length);
      try {
        JSON.parse(body.toString("utf8"));
      } catch {
        this.log("scorec lsp: dropped a message whose body is not JSON");
        continue;
      }
      this.push(Buffer.concat([Buffer.from(`Content-Length: ${length}\r\n\r\n`, "ascii"), body]));
    }
  }

  /** Log, then discard up to the next `Content-Length:` header after `from` (or keep a possible partial one). */
  private discard(why: string, from = 1): void {
    this.log(`scorec lsp: dropped malformed input (${why})`);
    const next = this.buf.indexOf(RESYNC, from);
    this.buf = next >= 0 ? this.buf.subarray(next) : this.buf.subarray(Math.max(from, this.buf.length - RESYNC.length));
  }
}

/** The Content-Length of a header block, or why it has none usable. */
function contentLength(header: string): number | string {
  let length: number | undefined;
  for (const line of header.split("\r\n")) {
    const m = /^([A-Za-z-]+):[ \t]*(.*)$/.exec(line);
    if (!m) return `a garbage header line ${JSON.stringify(line.slice(0, 40))}`;
    if (m[1]!.toLowerCase() === "content-length") {
      if (!/^\d{1,12}$/.test(m[2]!.trim())) return `a bad Content-Length ${JSON.stringify(m[2]!.slice(0, 20))}`;
      length = Number(m[2]!.trim());
    }
  }
  return length ?? "no Content-Length header";
}
