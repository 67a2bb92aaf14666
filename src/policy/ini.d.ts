// The `ini` package ships no types; scorec uses only its parser.
declare module "ini" {
  export function parse(text: string): Record<string, unknown>;
}
