// Just the SGR escapes the pretty reporter uses. Every function is the identity when colour is off, so
// callers never branch on it.
export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  underline(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
}

const sgr = (open: number, close: number) => (s: string) => (s === "" ? s : `\u001b[${open}m${s}\u001b[${close}m`);
const plain = (s: string) => s;

export function paint(color: boolean | undefined): Paint {
  if (!color) return { bold: plain, dim: plain, underline: plain, red: plain, yellow: plain, blue: plain, green: plain };
  return { bold: sgr(1, 22), dim: sgr(2, 22), underline: sgr(4, 24), red: sgr(31, 39), yellow: sgr(33, 39), blue: sgr(34, 39), green: sgr(32, 39) };
}
