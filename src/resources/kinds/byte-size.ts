/**
 * Byte sizes as the server takes them (`10GiB`, `500MiB`, `0`) and shows them (`10.00GiB`, two decimals): a read
 * reports the size the inputs wrote whenever the server's rounded figure is that size, so a refresh shows no change.
 */
import type { PropertySchema } from "../kind";

const UNITS: Record<string, number> = {
  "": 1,
  B: 1,
  K: 1e3,
  KB: 1e3,
  M: 1e6,
  MB: 1e6,
  G: 1e9,
  GB: 1e9,
  T: 1e12,
  TB: 1e12,
  Ki: 1024,
  KiB: 1024,
  Mi: 1024 ** 2,
  MiB: 1024 ** 2,
  Gi: 1024 ** 3,
  GiB: 1024 ** 3,
  Ti: 1024 ** 4,
  TiB: 1024 ** 4,
};

/** Stricter than the server (units in this case only; no sign, so no size below zero). */
export const BYTE_SIZE_PATTERN =
  "^[0-9]+(\\.[0-9]+)?(B|K|KB|M|MB|G|GB|T|TB|Ki|KiB|Mi|MiB|Gi|GiB|Ti|TiB)?$";

export function byteSizeSchema(description: string): PropertySchema {
  return { type: "string", pattern: BYTE_SIZE_PATTERN, description };
}

/** The size in bytes; NaN when it is not one. */
export function parseByteSize(s: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)([A-Za-z]*)$/.exec(s.trim());
  const unit = m && UNITS[m[2]];
  return m && unit ? Math.floor(Number(m[1]) * unit) : NaN;
}

/** Whether the server's rounded display (`10.00GiB`) is the size `wanted` names. */
function shows(server: string, wanted: string): boolean {
  const m = /^([0-9.]+)([A-Za-z]*)$/.exec(server);
  const w = parseByteSize(wanted);
  if (!m || Number.isNaN(w)) return false;
  const unit = UNITS[m[2]] ?? 1;
  return Math.abs(Number(m[1]) * unit - w) <= 0.005 * unit;
}

/** The server's display as one would write it: `10.00GiB` → `10GiB`, `1.50GiB` → `1.5GiB`. */
export function canonicalSize(server: string): string {
  const m = /^([0-9]+)(?:\.([0-9]+))?([A-Za-z]*)$/.exec(server);
  if (!m) return server;
  const fraction = (m[2] ?? "").replace(/0+$/, "");
  return `${m[1]}${fraction ? `.${fraction}` : ""}${m[3]}`;
}

/**
 * A size as a read reports it: the inputs' own spelling when it is the server's size (a `0` in the inputs stays
 * `0`), else the server's display as one would write it (absent when zero).
 */
export function observedSize(
  server: string | undefined,
  known: string | undefined,
): string | undefined {
  if (!server) return known !== undefined && parseByteSize(known) === 0 ? known : undefined;
  return known !== undefined && shows(server, known) ? known : canonicalSize(server);
}
