// Turns scorec's POSIX paths into SARIF artifact locations. Relative paths resolve against %SRCROOT%
// (GitHub's checkout root); absolute ones (inputs outside the working directory) become file: URIs.

export interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** Percent-encode everything outside RFC 3986 unreserved characters and "/" (and ":" after a drive). */
function encodePath(path: string): string {
  return path
    .split("/")
    .map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase()))
    .join("/");
}

export function artifactLocation(path: string): ArtifactLocation {
  if (path.startsWith("/")) return { uri: "file://" + encodePath(path) };
  const drive = /^([A-Za-z]):\//.exec(path);
  if (drive) return { uri: `file:///${drive[1]}:` + encodePath(path.slice(2)) };
  const rel = path.startsWith("./") ? path.slice(2) : path;
  return { uri: encodePath(rel), uriBaseId: "%SRCROOT%" };
}
