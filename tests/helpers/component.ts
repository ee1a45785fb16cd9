import * as pulumi from "@pulumi/pulumi";
import { DittoServer } from "../../src/ditto-server";
import type { DittoServerArgs } from "../../src/args";
import type { PlainArgs } from "../../src/resolve/component-fields";
import { childrenOf, putClusterSecret, valueOf, type Registered } from "./mocks";
import type { PlainSecrets } from "./render";
import { FEB, V029 } from "./specs";

export interface Deployed {
  server: DittoServer;
  children: Registered[];
  byType(type: string): Registered[];
  one(type: string, logicalSuffix: string): Registered;
}

/**
 * Constructs a DittoServer (the Feb model unless `args` names a release) under the mocks and waits until every
 * child is registered.
 */
export async function deploy(
  name: string,
  args: DittoServerArgs,
  opts?: pulumi.ComponentResourceOptions,
): Promise<Deployed> {
  const server = new DittoServer(name, { operatorRelease: FEB, ...args }, opts);
  await valueOf(
    pulumi.all([
      server.statefulSetName,
      server.metricsServiceName,
      server.perconaClusterName,
      server.generatedSecretNames,
      server.configHash,
      server.nfsEndpoint,
    ]),
  );
  const children = childrenOf(name).filter((r) => r.type !== "dittofs:index:DittoServer");
  return {
    server,
    children,
    byType: (type) => children.filter((c) => c.type === type),
    one: (type, suffix) => {
      const found = children.filter((c) => c.type === type && c.name === `${name}-${suffix}`);
      if (found.length !== 1)
        throw new Error(`expected one ${type} ${name}-${suffix}, found ${found.length}`);
      return found[0];
    },
  };
}

/** Constructs the component with the v0.29 model; `secrets` are put in the mocked cluster (namespace default) first. */
export function deployV029(
  name: string,
  args: PlainArgs,
  secrets: PlainSecrets = {},
): Promise<Deployed> {
  for (const [secret, data] of Object.entries(secrets)) putClusterSecret("default", secret, data);
  return deploy(name, { ...args, operatorRelease: V029 } as unknown as DittoServerArgs);
}
