/**
 * The plugin entry: package.json `main`, which the nodejs language host loads for `PulumiPlugin.yaml`
 * (`runtime: nodejs`), e.g. after `pulumi package add <this repo>` or a YAML program's `packages:` entry.
 *
 * `@pulumi/pulumi/cmd/run-plugin` requires this module; as it exports a function rather than a ComponentResource
 * class, the host calls it, and it serves {@link DittoProvider} on the engine address it was given. Library users
 * import the package through `exports` (lib/index.js) and never load this file.
 */
import { main } from "@pulumi/pulumi/provider";
import { DittoProvider } from "./provider";

const runPlugin = (): Promise<void> => main(new DittoProvider(), process.argv.slice(2));

export = runPlugin;
