/**
 * The pod-template digest `dittofs.io/config-hash`: changes when, and only when, the config or a byte of a Secret the
 * pod reads changes. Framed as the operator frames it (each secret entry `<len>:<key>:<len>:<bytes>`, keys sorted by
 * bytes), with two deliberate differences: no `gen:<generation>` (a Pulumi deployment has none), and the config carries
 * its own length prefix, so the stream decodes one way only. Keyed with HMAC-SHA256 so that the digest, shown in plain
 * text in previews, cannot be used to test guesses of a secret (README, differences: config-hash).
 */
import { createHmac } from "crypto";

export const CONFIG_HASH_ANNOTATION = "dittofs.io/config-hash";

export function hashStream(config: string, entries: Map<string, Buffer>): Buffer[] {
  const configBytes = Buffer.from(config, "utf8");
  const chunks: Buffer[] = [Buffer.from(`config:${configBytes.length}:`), configBytes];
  const keys = [...entries.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  for (const key of keys) {
    const value = entries.get(key)!;
    chunks.push(Buffer.from(`${Buffer.byteLength(key)}:${key}:${value.length}:`), value);
  }
  return chunks;
}

export function configHash(hmacKey: string, config: string, entries: Map<string, Buffer>): string {
  const hmac = createHmac("sha256", hmacKey);
  for (const chunk of hashStream(config, entries)) hmac.update(chunk);
  return hmac.digest("hex");
}
