import * as pulumi from "@pulumi/pulumi";
import { DittoServer } from "dittofs";
import { exampleArgs } from "./scenario";

// Deploys to the cluster of the ambient kubeconfig (or the stack's kubernetes provider config).
const server = new DittoServer("demo", exampleArgs(new pulumi.Config()));

export const nfsEndpoint = server.nfsEndpoint;
export const smbEndpoint = server.smbEndpoint;
export const apiEndpoint = server.apiEndpoint;
export const metricsEndpoint = server.metricsEndpoint;
export const configHash = server.configHash;
export const adminPassword = server.adminPassword;
