/** Secret data as the API server stores it: each value base64-encoded. */

export const b64 = (s: string): string => Buffer.from(s, "utf8").toString("base64");
export const fromB64 = (s: string): string => Buffer.from(s, "base64").toString("utf8");

/** key → plain value, encoded. */
export const encodeData = (data: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)]));

/** Secret name → key → plain value, each Secret's data encoded. */
export const encodeSecrets = (
  secrets: Record<string, Record<string, string>>,
): Record<string, Record<string, string>> =>
  Object.fromEntries(Object.entries(secrets).map(([name, data]) => [name, encodeData(data)]));

/** key → base64 value, decoded. */
export const decodeData = (data: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, fromB64(v)]));
