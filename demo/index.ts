/**
 * The root demo (Pulumi.yaml): the example scenario, rendered to `rendered/` by default (no cluster needed), or
 * deployed when the stack sets `kubeconfig`.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/kubernetes/provider";
import { DittoServer } from "../src";
import { exampleArgs } from "../examples/typescript/scenario";

const config = new pulumi.Config();
const kubeconfig = config.get("kubeconfig");
const provider = kubeconfig
  ? new Provider("cluster", { kubeconfig })
  : new Provider("render", {
      // Relative to the project root (the program runs in demo/).
      renderYamlToDirectory: path.resolve(__dirname, "..", config.get("renderDir") ?? "rendered"),
    });

const server = new DittoServer("demo", exampleArgs(config), {
  providers: { kubernetes: provider },
});

export const nfsEndpoint = server.nfsEndpoint;
export const smbEndpoint = server.smbEndpoint;
export const apiEndpoint = server.apiEndpoint;
export const metricsEndpoint = server.metricsEndpoint;
export const configHash = server.configHash;
export const adminPassword = server.adminPassword;
