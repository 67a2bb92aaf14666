// Colour only on a terminal, never with NO_COLOR (https://no-color.org), and --color/--no-color win.
export function useColor(flag: boolean | undefined, stream: NodeJS.WriteStream = process.stdout): boolean {
  if (flag !== undefined) return flag;
  if ("NO_COLOR" in process.env && process.env.NO_COLOR !== "") return false;
  return Boolean(stream.isTTY);
}
