/** The user Secrets a deployment reads: each once, with every key it needs, sorted by name for a stable order. */
import type { KeyRef, SecretRead } from "./types";

export function secretReads(needs: Array<KeyRef | undefined>): SecretRead[] {
  const reads = new Map<string, SecretRead>();
  for (const need of needs) {
    if (!need) continue;
    const read = reads.get(need.secret) ?? { secret: need.secret, requiredKeys: [] };
    if (!read.requiredKeys.includes(need.key)) read.requiredKeys.push(need.key);
    reads.set(need.secret, read);
  }
  return [...reads.values()].sort((a, b) =>
    a.secret < b.secret ? -1 : a.secret > b.secret ? 1 : 0,
  );
}
