/**
 * A Secret given to render with -f, checked as the API server would take it: a DNS-1123 name, valid keys, `data`
 * values in base64, `stringData` values strings, at most 1 MiB. Messages name the Secret and key, and the type of a
 * wrong value, never a value.
 */
import { describeType } from "../resolve/args-shape";
import { quote } from "../resolve/errors";
import { isDns1123Subdomain, isSecretKey } from "../resolve/k8s-names";
import { MAX_DATA_BYTES, tooLarge } from "../resolve/object-limits";
import { InputError, isMap, metadataOf } from "./input-object";

export interface SecretDocument {
  name: string;
  namespace?: string;
  /** base64 values, as in `data`; `stringData` is merged in over `data`, as the API server does. */
  data: Record<string, string>;
  /** `<file> (document N)`. */
  source: string;
}

/** Base64 as the API server decodes `data` (Go's StdEncoding: padded; line breaks are skipped). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function readSecret(obj: Record<string, unknown>, where: string): SecretDocument {
  const { name, namespace } = metadataOf(obj, where);
  const label = `Secret ${quote(namespace ? `${namespace}/${name}` : name)}`;
  const problems: string[] = [];
  if (!isDns1123Subdomain(name))
    problems.push(
      `metadata.name: must be a DNS-1123 subdomain (at most 253 of a-z, 0-9, '-', '.')`,
    );
  const data: Record<string, string> = {};
  for (const field of ["data", "stringData"] as const) {
    const map = obj[field];
    if (map === undefined || map === null) continue;
    if (!isMap(map)) {
      problems.push(`${field}: must be a map of strings, not ${describeType(map)}`);
      continue;
    }
    for (const [key, value] of Object.entries(map)) {
      const at = `${field} key ${quote(key)}`;
      if (!isSecretKey(key)) {
        problems.push(`${at}: not a valid Secret key (letters, digits, '-', '_' and '.')`);
        continue;
      }
      if (typeof value !== "string") {
        problems.push(`${at}: must be a string, not ${describeType(value)}`);
        continue;
      }
      if (field === "data") {
        const compact = value.replace(/[\r\n]/g, "");
        if (!BASE64.test(compact)) {
          problems.push(`${at}: not valid base64 (stringData takes plain text)`);
          continue;
        }
        data[key] = compact;
      } else data[key] = Buffer.from(value, "utf8").toString("base64");
    }
  }
  // The API server's limit applies to the merged data, decoded.
  let bytes = 0;
  for (const value of Object.values(data)) bytes += Buffer.byteLength(value, "base64");
  if (bytes > MAX_DATA_BYTES) problems.push(tooLarge(bytes));
  if (problems.length > 0)
    throw new InputError(
      problems.length === 1
        ? `${where}: ${label}: ${problems[0]}`
        : `${where}: ${label}:\n${problems.map((p) => `  ${p}`).join("\n")}`,
    );
  return { name, namespace, data, source: where };
}
