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
/** Per program run (its connection to the engine), per provider: Secret id → its data. */
const cache = new WeakMap<object, WeakMap<object, Map<string, SecretData>>>();
const NO_ENGINE = {};

export function readSecret(
  parent: pulumi.ComponentResource,
  name: string,
  namespace: string,
  secret: string,
): SecretData {
  const run: object = pulumi.runtime.getMonitor() ?? NO_ENGINE;
  let byProvider = cache.get(run);
  if (!byProvider) cache.set(run, (byProvider = new WeakMap()));
  const provider: object = parent.getProvider("kubernetes::Secret") ?? DEFAULT_PROVIDER;
  let reads = byProvider.get(provider);
  if (!reads) byProvider.set(provider, (reads = new Map()));
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
