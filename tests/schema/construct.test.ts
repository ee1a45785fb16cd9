/**
 * The construct path: a YAML, Python or Go program's DittoServer reaches the plugin's provider as `construct(name,
 * type, inputs, options)` with the program's args as deserialized JSON. These tests drive that provider (the one the
 * plugin entry serves) and require the same children, secrets and outputs as the TypeScript path (`new DittoServer`).
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { deploy } from "../helpers/component";
import { childrenOf, secretPaths, valueOf, type Registered } from "../helpers/mocks";
import { DittoProvider } from "../../src/provider";
import { TOKEN, resource } from "./support";
import { examplePlainArgs } from "../helpers/example";
import { errorOf } from "../helpers/errors";
import type { Obj } from "../helpers/objects";
import { fromB64 } from "../helpers/base64";

/** The default object model, said explicitly on the TypeScript side (the test helper defaults to the Feb one). */
const V029 = { operatorRelease: "v0.29" } as const;

// Internal to @pulumi/pulumi: the provider server's input deserialization, and the wire form of an output value.
const { deserializeInputs } = require("@pulumi/pulumi/provider/server") as {
  deserializeInputs(inputs: Struct, deps: Map<string, unknown>): Promise<pulumi.Inputs>;
};
const { specialSigKey, specialOutputValueSig } = require("@pulumi/pulumi/runtime/rpc") as {
  specialSigKey: string;
  specialOutputValueSig: string;
};

/** The example scenario as a YAML user writes it under `properties:` (examples/yaml). */
const yamlArgs = (namespace: string): Obj => examplePlainArgs(namespace);

/** How the engine sends a secret to a provider that accepts outputs (it upgrades secrets to output values). */
function secretOutputValue(value: string): Obj {
  return { [specialSigKey]: specialOutputValueSig, value, secret: true, dependencies: [] };
}

const provider = new DittoProvider();

async function construct(name: string, inputs: pulumi.Inputs) {
  const result = await provider.construct(name, TOKEN, inputs, {});
  const state = result.state as Record<string, pulumi.Output<unknown>>;
  const outputs = Object.fromEntries(
    await Promise.all(Object.entries(state).map(async ([k, v]) => [k, await valueOf(v)] as const)),
  );
  const urn = await valueOf(pulumi.output(result.urn));
  const children = childrenOf(name).filter((r) => r.type !== TOKEN);
  return { urn, state, outputs, children };
}

/** Children as comparable objects: the component name masked, generated values and the HMAC digest too. */
function comparable(children: Registered[], name: string): Obj[] {
  const mask = (v: unknown) => JSON.parse(JSON.stringify(v).split(name).join("<name>"));
  return children
    .filter((c) => !c.read)
    .map((c) => {
      const o: Obj = mask({ type: c.type, name: c.name, inputs: c.inputs });
      o.secretPaths = secretPaths(c.rawInputs).sort();
      const m = o.inputs;
      if (m.kind === "Secret" && m.metadata.name.endsWith("-jwt-secret")) {
        m.data["jwt-secret"] = "<generated>";
      }
      if (m.kind === "Secret" && m.metadata.name.endsWith("-admin-bootstrap-credentials")) {
        m.data.password = "<generated>";
      }
      if (m.kind === "StatefulSet") {
        m.spec.template.metadata.annotations["dittofs.io/config-hash"] = "<digest>";
      }
      if (c.type.startsWith("random:")) delete m.result;
      return o;
    })
    .sort((a, b) => `${a.type}/${a.name}`.localeCompare(`${b.type}/${b.name}`));
}

function comparableOutputs(outputs: Obj, name: string): Obj {
  const o = JSON.parse(JSON.stringify(outputs).split(name).join("<name>"));
  o.configHash = "<digest>";
  o.adminPassword = o.adminPassword ? "<generated>" : "";
  return o;
}

describe("the plugin's construct path (YAML, Python, Go programs)", () => {
  it("plain JSON args (PostgreSQL as a secret value, default adapters, metrics, generated JWT) give the TypeScript path's objects", async () => {
    const viaPlugin = await construct("cp-yaml", yamlArgs("construct"));
    const viaTs = await deploy("cp-ts", { ...yamlArgs("construct"), ...V029 } as any);

    expect(viaPlugin.urn).to.match(/::dittofs:index:DittoServer::cp-yaml$/);
    const kinds = viaPlugin.children.filter((c) => !c.read).map((c) => c.inputs.kind ?? c.type);
    expect(kinds.sort()).to.deep.equal(
      [
        "ConfigMap",
        "NetworkPolicy",
        "NetworkPolicy",
        "NetworkPolicy",
        "Secret",
        "Secret",
        "Secret",
        "Service",
        "Service",
        "Service",
        "Service",
        "Service",
        "StatefulSet",
        "random:index/randomPassword:RandomPassword",
        "random:index/randomPassword:RandomPassword",
        "random:index/randomPassword:RandomPassword",
      ].sort(),
    );
    expect(comparable(viaPlugin.children, "cp-yaml")).to.deep.equal(
      comparable(viaTs.children, "cp-ts"),
    );

    const tsOutputs: Obj = {};
    for (const k of Object.keys(resource.properties)) {
      tsOutputs[k] = await valueOf((viaTs.server as any)[k]);
    }
    expect(Object.keys(viaPlugin.outputs)).to.deep.equal(Object.keys(resource.properties));
    expect(comparableOutputs(viaPlugin.outputs, "cp-yaml")).to.deep.equal(
      comparableOutputs(tsOutputs, "cp-ts"),
    );
    expect(viaPlugin.outputs.nfsEndpoint).to.equal(
      "cp-yaml-adapter-nfs.construct.svc.cluster.local:12049",
    );
    expect(viaPlugin.outputs.smbEndpoint).to.equal(
      "cp-yaml-adapter-smb.construct.svc.cluster.local:1445",
    );
  });

  it("secrets sent as the engine sends them stay secret, as with pulumi.secret in TypeScript", async () => {
    const args = yamlArgs("construct-secret");
    const wire = structuredClone(args);
    wire.secretValues.postgresConnection = secretOutputValue(args.secretValues.postgresConnection);
    const inputs = await deserializeInputs(Struct.fromJavaScript(wire), new Map());
    // The secret arrives as an Output inside a plain object: `secretValues` itself is known and plain.
    expect(pulumi.Output.isInstance(inputs.secretValues)).to.equal(false);
    expect(pulumi.Output.isInstance((inputs.secretValues as Obj).postgresConnection)).to.equal(
      true,
    );

    const viaPlugin = await construct("cps-yaml", inputs);
    const tsArgs: Obj = { ...structuredClone(args), ...V029 };
    tsArgs.secretValues.postgresConnection = pulumi.secret(args.secretValues.postgresConnection);
    const viaTs = await deploy("cps-ts", tsArgs as any);

    const pluginObjects = comparable(viaPlugin.children, "cps-yaml");
    expect(pluginObjects).to.deep.equal(comparable(viaTs.children, "cps-ts"));
    const pg = pluginObjects.find((o) => o.inputs.metadata?.name === "<name>-postgres-connection")!;
    expect(pg.secretPaths).to.deep.equal(["data"]);
    expect(fromB64(pg.inputs.data.password)).to.equal("example-postgres-password");
  });

  it("reports invalid args with their field paths, before registering anything", async () => {
    const args = yamlArgs("construct-bad");
    args.storage.metadataSize = "10GB";
    args.service = { type: "Ingress" };
    let error: unknown;
    try {
      await provider.construct("cp-bad", TOKEN, args, {});
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.include('spec.storage.metadataSize: "10GB" must match');
    expect(String(error)).to.include("spec.service.type");
    expect(childrenOf("cp-bad")).to.deep.equal([]);
  });

  it("refuses a type it does not provide", async () => {
    let error: unknown;
    try {
      await provider.construct("cp-other", "dittofs:index:Other", {}, {});
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.include("unknown resource type dittofs:index:Other");
  });

  it("resolves every output the schema declares", async () => {
    const { state } = await construct("cp-outputs", yamlArgs("construct-outputs"));
    for (const [k, v] of Object.entries(state)) {
      expect(await errorOf(v), k).to.equal(undefined);
    }
  });
});
