/**
 * The API server's size limits on object data: a ConfigMap's or a Secret's data may hold at most 1 MiB (the sum of
 * its values, in bytes).
 */
export const MAX_DATA_BYTES = 1024 * 1024;

/** Bytes of a data map whose values are text (a ConfigMap's `data`, a Secret's values decoded). */
export function textDataBytes(data: Record<string, string>): number {
  let total = 0;
  for (const value of Object.values(data)) total += Buffer.byteLength(value, "utf8");
  return total;
}

export const tooLarge = (bytes: number): string =>
  `its data is ${bytes} bytes, over the API server's limit of ${MAX_DATA_BYTES} bytes (1 MiB)`;
