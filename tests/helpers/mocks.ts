/**
 * The single Pulumi mocks setup (setMocks is process-global). Records every registered resource and answers Secret
 * reads from `clusterSecrets`, standing in for the cluster.
 */
import * as pulumi from "@pulumi/pulumi";

export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, any>;
  id?: string;
  read: boolean;
}

export const registered: Registered[] = [];

/** `namespace/name` → base64 data, as the API server would return it. */
export const clusterSecrets = new Map<string, Record<string, string>>();

/** Counts reads per `namespace/name`. */
export const secretReadCount = new Map<string, number>();

/** Deterministic stand-in for a RandomPassword result, so tests can recognise it. */
export function fakeRandom(name: string, length: number): string {
  let s = "";
  while (s.length < length) s += Buffer.from(name).toString("hex");
  return s.slice(0, length);
}

void pulumi.runtime.setMocks(
  {
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
      const read = args.id !== undefined && args.id !== "";
      registered.push({ type: args.type, name: args.name, inputs: args.inputs, id: args.id, read });
      if (args.type === "kubernetes:core/v1:Secret" && read) {
        const id = args.id as string;
        secretReadCount.set(id, (secretReadCount.get(id) ?? 0) + 1);
        const data = clusterSecrets.get(id);
        if (!data) throw new Error(`secrets "${id.split("/")[1]}" not found`);
        const [namespace, name] = id.split("/");
        return {
          id,
          state: { apiVersion: "v1", kind: "Secret", metadata: { name, namespace }, data },
        };
      }
      if (args.type === "random:index/randomPassword:RandomPassword") {
        return {
          id: `${args.name}-id`,
          state: { ...args.inputs, result: fakeRandom(args.name, args.inputs.length) },
        };
      }
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call(args: pulumi.runtime.MockCallArgs) {
      return args.inputs;
    },
  },
  "dittofs",
  "test",
  false,
);

export function b64(s: string): string {
  return Buffer.from(s, "utf8").toString("base64");
}

export function putClusterSecret(
  namespace: string,
  name: string,
  data: Record<string, string>,
): void {
  clusterSecrets.set(
    `${namespace}/${name}`,
    Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
  );
}

export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/** The children registered under a component named `name` (by logical-name prefix). */
export function childrenOf(name: string): Registered[] {
  return registered.filter((r) => r.name === name || r.name.startsWith(`${name}-`));
}
