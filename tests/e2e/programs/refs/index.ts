// e2e fixture (not an example): the built package from this repository, referenced Secrets, knobs in config.
import * as pulumi from "@pulumi/pulumi";
import { DittoServer } from "../../../../lib";

const config = new pulumi.Config();
const server = new DittoServer("refs", {
  namespace: "e2e",
  storage: { metadataSize: "1Gi", cacheSize: "1Gi" },
  identity: { jwt: { secretRef: { name: "e2e-jwt", key: "secret" } } },
  s3: { credentialsSecretRef: { secretName: "e2e-s3" }, region: "eu-west-1" },
  smb: { enabled: true, port: config.getNumber("smbPort") ?? 12445 },
  cache: { size: config.get("cacheSize") ?? "1GB" },
  percona: {
    enabled: config.getBoolean("percona") ?? false,
    deleteWithServer: config.getBoolean("deleteWithServer") ?? false,
  },
});

export const configHash = server.configHash;
export const nfsEndpoint = server.nfsEndpoint;
export const perconaClusterName = server.perconaClusterName;
