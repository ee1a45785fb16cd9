/**
 * Kubernetes quantities (`500m`, `1.5Gi`, `1e3`, `128974848`) read exactly, to compare them as the API server does.
 * Values are in units of 10^-9 (`n`, the smallest suffix), rounded up as the API server rounds a finer value.
 */
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:([KMGTPE])i|([numkMGTPE])|[eE]([+-]?\d+))?$/;
const DECIMAL_EXPONENT: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_POWER: Record<string, number> = { K: 1, M: 2, G: 3, T: 4, P: 5, E: 6 };
/** Beyond this, an exponent only says "huge" or "tiny"; computing 10^exponent exactly would cost time. */
const MAX_EXPONENT = 400;

/** The quantity in units of 10^-9, or undefined when it is not a quantity. */
export function parseQuantity(value: unknown): bigint | undefined {
  if (typeof value === "number")
    return Number.isSafeInteger(value) ? BigInt(value) * 1_000_000_000n : undefined;
  if (typeof value !== "string") return undefined;
  const m = QUANTITY.exec(value);
  if (!m) return undefined;
  const [, sign, number, binary, decimal, exponent] = m;
  const [whole, fraction = ""] = number.split(".");
  let mantissa = BigInt(`${whole || "0"}${fraction}`);
  if (binary) mantissa *= 1n << BigInt(10 * BINARY_POWER[binary]);
  let power = -fraction.length + 9;
  if (decimal) power += DECIMAL_EXPONENT[decimal];
  if (exponent) power += Math.max(-MAX_EXPONENT, Math.min(MAX_EXPONENT, Number(exponent)));
  let nano: bigint;
  if (power >= 0) nano = mantissa * 10n ** BigInt(power);
  else {
    const divisor = 10n ** BigInt(-power);
    nano = mantissa / divisor + (mantissa % divisor === 0n ? 0n : 1n);
  }
  return sign === "-" ? -nano : nano;
}
