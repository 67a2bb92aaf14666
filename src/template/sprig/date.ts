/** Go reference-time layout formatting ("2006-01-02 15:04:05"), in UTC. */
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const TOKENS: [string, (d: Date) => string][] = [
  ["January", (d) => MONTHS[d.getUTCMonth()]!],
  ["Monday", (d) => DAYS[d.getUTCDay()]!],
  ["2006", (d) => String(d.getUTCFullYear()).padStart(4, "0")],
  ["Jan", (d) => MONTHS[d.getUTCMonth()]!.slice(0, 3)],
  ["Mon", (d) => DAYS[d.getUTCDay()]!.slice(0, 3)],
  ["MST", () => "UTC"],
  ["Z07:00", () => "Z"],
  ["-07:00", () => "+00:00"],
  ["-0700", () => "+0000"],
  ["-07", () => "+00"],
  ["002", (d) => String(dayOfYear(d)).padStart(3, "0")],
  ["01", (d) => String(d.getUTCMonth() + 1).padStart(2, "0")],
  ["02", (d) => String(d.getUTCDate()).padStart(2, "0")],
  ["_2", (d) => String(d.getUTCDate()).padStart(2, " ")],
  ["06", (d) => String(d.getUTCFullYear() % 100).padStart(2, "0")],
  ["15", (d) => String(d.getUTCHours()).padStart(2, "0")],
  ["03", (d) => String(d.getUTCHours() % 12 || 12).padStart(2, "0")],
  ["04", (d) => String(d.getUTCMinutes()).padStart(2, "0")],
  ["05", (d) => String(d.getUTCSeconds()).padStart(2, "0")],
  ["PM", (d) => (d.getUTCHours() >= 12 ? "PM" : "AM")],
  ["pm", (d) => (d.getUTCHours() >= 12 ? "pm" : "am")],
  ["1", (d) => String(d.getUTCMonth() + 1)],
  ["2", (d) => String(d.getUTCDate())],
  ["3", (d) => String(d.getUTCHours() % 12 || 12)],
  ["4", (d) => String(d.getUTCMinutes())],
  ["5", (d) => String(d.getUTCSeconds())],
];

function dayOfYear(d: Date): number {
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;
}

export function formatGoDate(d: Date, layout: string): string {
  let out = "";
  let i = 0;
  outer: while (i < layout.length) {
    // Fractional seconds: .000 / .999 (any run length).
    const frac = /^[.,](0+|9+)/.exec(layout.slice(i));
    if (frac && !/\d/.test(layout[i + frac[0].length] ?? "")) {
      const n = frac[1]!.length;
      let digits = String(d.getUTCMilliseconds()).padStart(3, "0").padEnd(9, "0").slice(0, n);
      if (frac[1]![0] === "9") {
        digits = digits.replace(/0+$/, "");
        out += digits ? "." + digits : "";
      } else out += "." + digits;
      i += frac[0].length;
      continue;
    }
    for (const [tok, f] of TOKENS) {
      if (layout.startsWith(tok, i)) {
        out += f(d);
        i += tok.length;
        continue outer;
      }
    }
    out += layout[i];
    i++;
  }
  return out;
}
