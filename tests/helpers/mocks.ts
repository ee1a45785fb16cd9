/**
 * The single Pulumi mocks setup (setMocks is process-global). Records every registered resource and answers Secret
 * reads from `clusterSecrets`, standing in for the cluster.
 */
import * as pulumi from "@pulumi/pulumi";
import { encodeData } from "./base64";

export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, any>;
  id?: string;
  read: boolean;
  /** Inputs as the runtime sent them, secret wrappers included. */
  rawInputs: Record<string, any>;
  /** Provider reference (`urn::id`) the resource was registered with, if any. */
  provider?: string;
}

export const registered: Registered[] = [];

/** How the runtime serialises a secret value (`{ [sig]: secretSig, value }`). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function isSecretValue(v: unknown): v is { value: unknown } {
  return (
    typeof v === "object" && v !== null && (v as Record<string, unknown>)[SIG_KEY] === SECRET_SIG
  );
}

/** Inputs with secret wrappers replaced by their values (tests check secretness with `secretPaths`). */
export function unwrapSecrets(v: unknown): any {
  if (isSecretValue(v)) return unwrapSecrets(v.value);
  if (Array.isArray(v)) return v.map(unwrapSecrets);
  if (typeof v === "object" && v !== null) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrapSecrets(x)]));
  }
  return v;
}

/** Paths of the values the runtime marked secret in registered inputs. */
export function secretPaths(v: unknown, path = ""): string[] {
  if (isSecretValue(v)) return [path];
  if (typeof v === "object" && v !== null) {
    return Object.entries(v).flatMap(([k, x]) => secretPaths(x, path ? `${path}.${k}` : k));
  }
  return [];
}

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

const MOCKS: pulumi.runtime.Mocks = {
  newResource(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, any> } {
    const read = args.id !== undefined && args.id !== "";
    registered.push({
      type: args.type,
      name: args.name,
      inputs: unwrapSecrets(args.inputs),
      rawInputs: args.inputs,
      id: args.id,
      read,
      provider: args.provider,
    });
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
};

/**
 * Starts a new program run against the mocked cluster: a fresh engine connection, so nothing read before (the
 * component shares Secret reads within a run) is reused.
 */
export function newProgramRun(): void {
  void pulumi.runtime.setMocks(MOCKS, "dittofs", "test", false);
}
newProgramRun();

export function putClusterSecret(
  namespace: string,
  name: string,
  data: Record<string, string>,
): void {
  // A changed cluster is a new program run: no read made before it may be reused.
  newProgramRun();
  clusterSecrets.set(`${namespace}/${name}`, encodeData(data));
}

export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

/** The children registered under a component named `name` (by logical-name prefix). */
export function childrenOf(name: string): Registered[] {
  // Another component may be named `<name>-something`: its children are not ours.
  const longer = registered
    .filter((r) => r.type === "dittofs:index:DittoServer" && r.name.startsWith(`${name}-`))
    .map((r) => r.name);
  const mine = (n: string) => n === name || n.startsWith(`${name}-`);
  return registered.filter(
    (r) => mine(r.name) && !longer.some((l) => r.name === l || r.name.startsWith(`${l}-`)),
  );
}

/** Mocha root hooks (this file is `--require`d): every test is a program run of its own. */
export const mochaHooks = {
  beforeEach(): void {
    newProgramRun();
  },
};
