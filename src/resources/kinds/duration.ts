/**
 * Go durations (`72h`, `1h30m`) as the server takes them, and as it shows them (`72h0m0s`): a read reports the
 * inputs' spelling whenever the server's value is the same length of time.
 */
const PART = "([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h)";
/** A Go duration without sign (the server refuses negative ones), or `0`. */
export const DURATION_PATTERN = `^(0|(${PART})+)$`;

const NS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  μs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const SHORTHANDS: Record<string, number> = {
  "@hourly": 3600e9,
  "@daily": 86400e9,
  "@weekly": 7 * 86400e9,
};

/** Nanoseconds of a Go duration or an @-shorthand; NaN when it is neither. */
export function parseDuration(s: string): number {
  if (s in SHORTHANDS) return SHORTHANDS[s];
  if (s === "0") return 0;
  if (!new RegExp(DURATION_PATTERN, "u").test(s)) return NaN;
  let total = 0;
  for (const m of s.matchAll(new RegExp(PART, "gu"))) total += Number(m[1]) * NS[m[3]];
  return Math.round(total);
}

/** Go's display as one would write it: `72h0m0s` → `72h`, `1h30m0s` → `1h30m` (trailing zero units dropped). */
export function canonicalDuration(server: string): string {
  return server.replace(/(?<=[^0-9.])0s$/, "").replace(/(?<=h)0m$/, "") || server;
}

/** A duration as a read reports it: the inputs' spelling when it is the server's length of time, else Go's display as one would write it. */
export function observedDuration(
  server: string | undefined,
  known: string | undefined,
): string | undefined {
  if (!server) return known !== undefined && parseDuration(known) === 0 ? known : undefined;
  return known !== undefined && parseDuration(known) === parseDuration(server)
    ? known
    : canonicalDuration(server);
}
