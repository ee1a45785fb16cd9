/**
 * The component reads the user's Secrets from the cluster, shared by every DittoServer of a program: one read per
 * Secret per kubernetes provider (a platform stack with dozens of servers referencing the same Secrets reads each
 * once). The read is parented to the first server that needs it, so it goes through that server's providers — the
 * same provider is the cache key.
 */
import * as pulumi from "@pulumi/pulumi";
import { Secret } from "@pulumi/kubernetes/core/v1/secret";

type SecretData = pulumi.Output<Record<string, string>>;

/** The default provider (no explicit one) is keyed by this marker. */
const DEFAULT_PROVIDER = {};
let cache = new WeakMap<object, Map<string, SecretData>>();

/** Forgets every read (tests share one process and one mocked cluster). */
export function resetSecretReads(): void {
  cache = new WeakMap();
}

export function readSecret(
  parent: pulumi.ComponentResource,
  name: string,
  namespace: string,
  secret: string,
): SecretData {
  const provider: object = parent.getProvider("kubernetes::Secret") ?? DEFAULT_PROVIDER;
  let reads = cache.get(provider);
  if (!reads) cache.set(provider, (reads = new Map()));
  const id = `${namespace}/${secret}`;
  let data = reads.get(id);
  if (!data) {
    const existing = Secret.get(`${name}-read-${secret}`, id, { parent });
    // The provider marks `data` secret; mocks and some providers do not, so mark it here too.
    data = pulumi.secret(existing.data.apply((d) => d ?? {}));
    reads.set(id, data);
  }
  return data;
}
