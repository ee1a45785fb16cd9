/**
 * The dittofs plugin's provider: what the Pulumi engine talks to when a YAML, Python or Go program (or any other
 * language) creates a `dittofs:index:DittoServer`. It serves the committed `schema.json` (generated from the
 * TypeScript types by `npm run schema`, drift-checked by the tests) and constructs the same `DittoServer` class a
 * TypeScript program uses, from the engine's deserialized inputs.
 *
 * Pulumi's stock component host (`@pulumi/pulumi/provider/experimental`) would re-run its TypeScript analyzer on every
 * plugin start (about 10 s on a 2-core machine) and serve the raw analyzer output, without the enums, integer types, secret flags and
 * type names that `scripts/gen-schema.ts` adds; serving the committed file keeps what the engine, `pulumi package add`
 * and the committed SDKs see identical.
 */
import * as fs from "fs";
import * as path from "path";
import type * as pulumi from "@pulumi/pulumi";
import type { ConstructResult, Provider } from "@pulumi/pulumi/provider";
import type { DittoServerArgs } from "./args";
import { DITTOSERVER_TYPE, DittoServer } from "./ditto-server";

/** The package root: `src/` under ts-node, `lib/` once built; both sit next to schema.json and package.json. */
const ROOT = path.join(__dirname, "..");
export const SCHEMA_PATH = path.join(ROOT, "schema.json");

interface SchemaShape {
  version?: string;
  resources: Record<string, { properties?: Record<string, unknown> }>;
}

export class DittoProvider implements Provider {
  readonly version: string;
  private readonly schemaText: string;
  private readonly outputNames: string[];

  constructor(schemaPath: string = SCHEMA_PATH) {
    this.schemaText = fs.readFileSync(schemaPath, "utf8");
    const schema = JSON.parse(this.schemaText) as SchemaShape;
    const resource = schema.resources[DITTOSERVER_TYPE];
    if (!resource) throw new Error(`${schemaPath} does not define ${DITTOSERVER_TYPE}`);
    this.outputNames = Object.keys(resource.properties ?? {});
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      version: string;
    };
    this.version = schema.version ?? pkg.version;
  }

  async getSchema(): Promise<string> {
    return this.schemaText;
  }

  /** As the engine calls it for a component resource: the inputs are the program's args, deserialized. */
  async construct(
    name: string,
    type: string,
    inputs: pulumi.Inputs,
    options: pulumi.ComponentResourceOptions,
  ): Promise<ConstructResult> {
    if (type !== DITTOSERVER_TYPE) {
      throw new Error(`unknown resource type ${type}; this plugin provides ${DITTOSERVER_TYPE}`);
    }
    const server = new DittoServer(name, inputs as DittoServerArgs, options);
    const outputs = server as unknown as Record<string, pulumi.Output<unknown>>;
    return {
      urn: server.urn,
      state: Object.fromEntries(this.outputNames.map((k) => [k, outputs[k]])),
    };
  }
}
