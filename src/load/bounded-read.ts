// Every byte scorec reads from a user-named source goes through here: Score files, stdin, provisioner
// files, policies and data, the config, the overrides file, file sources. Two guards, so no input can
// hang or exhaust the process:
//   * only regular files are read. A FIFO would block for ever (even `open` blocks until a writer comes,
//     hence O_NONBLOCK), `/dev/zero` and `/dev/urandom` never end; they are refused by name.
//   * at most `maxBytes` are read, whatever `stat` claimed (a file may grow, stdin has no size).
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";

/** Why a source was not read; `tooLarge` is set when the only problem is its size. */
export class ReadRefusal extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
    this.name = "ReadRefusal";
  }
}

export function tooLargeMessage(what: string, maxBytes: number, size?: number): string {
  return `${size !== undefined ? `${what} is ${size} bytes` : `${what} is more than ${maxBytes} bytes`}, over the ${maxBytes}-byte limit (raise it with --max-file-size)`;
}

/** What a non-regular file is, for the message. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return "a folder";
  if (st.isFIFO()) return "a FIFO (named pipe)";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

const ERRNO_WHY: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "it is a folder",
  ENOTDIR: "a parent is not a folder",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "the name is too long",
};

export function errnoWhy(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return (code && ERRNO_WHY[code]) ?? (code || (e instanceof Error ? e.message : String(e)));
}

/** The bytes of the regular file `path`, or a ReadRefusal saying why not. */
export function readFileBounded(path: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new ReadRefusal(errnoWhy(e));
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new ReadRefusal(st.isDirectory() ? "it is a folder" : `it is ${kindOf(st)}, not a regular file`);
    if (st.size > maxBytes) throw new ReadRefusal(tooLargeMessage("file", maxBytes, st.size), true);
    return readUpTo(fd, maxBytes, "file", st.size);
  } finally {
    closeSync(fd);
  }
}

/** Standard input, at most `maxBytes` of it (`scorec check - < /dev/zero` stops there). */
export function readStdinBounded(maxBytes: number, fd = 0): Buffer {
  return readUpTo(fd, maxBytes, "stdin");
}

/**
 * Reads until end of file. A regular file's size is known: one buffer of that size plus one byte takes it
 * in one read (and sees a file that grew). A read that brings exactly the size the file reported ends it
 * without a second, empty read; a file that reports no size (/proc) fills its
 * one-byte buffer and is read on. A buffer filled by a read is kept as it is, not copied; a small one comes
 * from Node's shared pool, so a batch of small files costs no buffer allocation each.
 */
function readUpTo(fd: number, maxBytes: number, what: string, regularFileSize?: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const sizeHint = regularFileSize ?? 64 * 1024;
  let chunkSize = Math.max(1, Math.min(sizeHint + 1, maxBytes + 1, 64 * 1024));
  let first = true;
  for (;;) {
    const chunk = first ? Buffer.allocUnsafe(chunkSize) : Buffer.allocUnsafeSlow(chunkSize);
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "EAGAIN") {
        // A non-blocking pipe with no data yet: wait a little rather than spin.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (code === "EOF") break; // Windows' end of a pipe
      throw new ReadRefusal(errnoWhy(e));
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes) throw new ReadRefusal(tooLargeMessage(what, maxBytes), true);
    // A short read (a pipe) is copied out, so small pieces never keep 64 KiB buffers alive.
    chunks.push(n * 2 >= chunk.length ? chunk.subarray(0, n) : Buffer.from(chunk.subarray(0, n)));
    // Only a read that brought the whole stat'd size ends it: a short read before that (a signal, FUSE) reads on.
    if (first && n === regularFileSize && n < chunk.length) break;
    // The file was larger than its size said (or this is a pipe): read on in full-size buffers.
    first = false;
    chunkSize = 64 * 1024;
  }
  if (chunks.length === 1) return chunks[0]!;
  return Buffer.concat(chunks, total);
}
