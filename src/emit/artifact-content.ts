// An artifact's content as bytes or text, shared by the writer, the printer and the drift check so
// all three agree on what "the same file" means.

/** Mode for artifacts that do not set one. */
export const DEFAULT_ARTIFACT_MODE = 0o644;

/** The exact bytes written for `content` (strings as UTF-8, no BOM). */
export function contentBytes(content: string | Uint8Array): Buffer {
  return typeof content === "string"
    ? Buffer.from(content, "utf8")
    : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The content as text, or undefined when it is bytes that are not valid UTF-8. */
export function contentText(content: string | Uint8Array): string | undefined {
  if (typeof content === "string") return content;
  try {
    return utf8.decode(content);
  } catch {
    return undefined;
  }
}
