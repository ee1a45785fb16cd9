/**
 * The plugin entry: package.json `main`, which the nodejs language host loads for `PulumiPlugin.yaml`
 * (`runtime: nodejs`), e.g. after `pulumi package add <this repo>` or a YAML program's `packages:` entry.
 *
 * `@pulumi/pulumi/cmd/run-plugin` requires this module; as it exports a function rather than a ComponentResource
 * class, the host calls it, and it serves {@link DittoProvider} on the engine address it was given: the DittoServer
 * component (Construct) and the server's resources (src/resources: Check, Diff, Create, Read, Update, Delete and the
 * provider's own configuration). Library users import the package through `exports` (lib/index.js) and never load
 * this file.
 */
import { main } from "@pulumi/pulumi/provider";
import { DittoProvider } from "./provider";
import { installResourceMethods } from "./resources/install-methods";

const runPlugin = (): Promise<void> => {
  installResourceMethods();
  return main(new DittoProvider(), process.argv.slice(2));
};

export = runPlugin;
