/**
 * Fewer Outputs per DittoServer. Each Output costs its promises for every server of a program; these helpers give the
 * same values, known-ness, secretness and resource dependencies as the plain Pulumi calls they replace, with fewer
 * Outputs. `bench/experiments/registrations.js` proves the identity (digest of every registration and output).
 * Measured gain, in promises made per server while 20 servers of the bench's mixed specs are constructed (deterministic;
 * the whole construction makes about 7,930 per server, the hand-written program 7,000): `lazyOutputs` 555, `markSecret`
 * 147, `withMaterial` 111. In CPU time these are within the noise of `bench/ab.js` on a shared 2-core machine (a few
 * per cent), `lazyOutputs` aside. bench/README.md says how to measure them again.
 */
import * as pulumi from "@pulumi/pulumi";
import { isDeferred } from "./deferred-spec";

/** `pulumi.secret(true)`, made once per process (an Output of a plain value is immutable and holds no resource). */
let secretSeed: pulumi.Output<boolean> | undefined;
/**
 * `value` marked secret: the same value, known-ness and resources as `pulumi.secret(value)`, with one Output made
 * where `pulumi.secret` of an Output makes three (it lifts the inner Output's secretness and resources).
 */
export function markSecret<T>(value: pulumi.Output<T>): pulumi.Output<T> {
  return (secretSeed ??= pulumi.secret(true)).apply(() => value);
}

/**
 * `pulumi.all([material, key]).apply(f)`: the plain parts of the material stay plain, and only its Outputs and
 * Promises (the reads, generated values, values passed as Outputs) are waited on, with `key` when one is given
 * (without one and with nothing to wait on, `f` runs in an apply of the shared secret seed, never synchronously).
 */
export function withMaterial<M extends object, T>(
  material: object,
  key: pulumi.Output<string> | undefined,
  f: (m: M, key: string) => T,
): pulumi.Output<T> {
  const deferred: unknown[] = [];
  const scan = (v: unknown): void => {
    if (isDeferred(v)) deferred.push(v);
    else if (typeof v === "object" && v !== null) Object.values(v).forEach(scan);
  };
  scan(material);
  if (deferred.length === 0) {
    return key
      ? key.apply((k) => f(material as M, k))
      : (secretSeed ??= pulumi.secret(true)).apply(() => f(material as M, ""));
  }
  return pulumi.all([key ?? "", ...deferred]).apply(([k, ...resolved]) => {
    // A copy of the material with each deferred value replaced by its value, in the order scan() found them.
    let next = 0;
    const fill = (v: unknown): unknown => {
      if (isDeferred(v)) return resolved[next++];
      if (Array.isArray(v)) return v.map(fill);
      if (typeof v === "object" && v !== null)
        return Object.fromEntries(Object.entries(v).map(([k2, x]) => [k2, fill(x)]));
      return v;
    };
    return f(fill(material) as M, k as string);
  });
}

/**
 * Output properties made on first read, then kept on the instance: a program reads few of them, and an Output made
 * for every server costs its promises. `make` gets the per-instance sources given to `setSources`.
 */
export function lazyOutputs<C extends object, S>(
  cls: { prototype: C },
  makers: Record<string, (sources: S) => pulumi.Output<unknown>>,
): (instance: C, sources: S) => void {
  const sourcesOf = new WeakMap<C, S>();
  for (const [key, make] of Object.entries(makers)) {
    Object.defineProperty(cls.prototype, key, {
      configurable: true,
      get(this: C) {
        const value = make(sourcesOf.get(this)!);
        Object.defineProperty(this, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return (instance, sources) => void sourcesOf.set(instance, sources);
}
