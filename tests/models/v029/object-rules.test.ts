/**
 * The v0.29 model rejects what the API server or the kubelet would reject in the objects it builds, with the field
 * path (src/models/v029/object-rules.ts, the Feb model's checks shared through src/resolve/): the image, claims of
 * size zero, StorageClass names, Secret names and keys the pod reads, resources, Percona's storage size, the
 * ServiceMonitor interval, and the container security context once the hardening is merged in.
 */
import { expect } from "chai";
import type { PlainArgs } from "../../../src/resolve/component-fields";
import { problemsOf } from "../../helpers/errors";
import { renderV029 as render } from "../../helpers/render";

const STORAGE = { metadataSize: "10Gi" };
const problems = (args: PlainArgs, secrets: Record<string, Record<string, string>> = {}) =>
  problemsOf(() => render("rules", { storage: STORAGE, ...args }, secrets)).map(
    (p) => p.split(": ")[0],
  );
const accepted = (args: PlainArgs, secrets: Record<string, Record<string, string>> = {}) =>
  render("rules", { storage: STORAGE, ...args }, secrets);

describe("v0.29 model: what the API server would reject in the objects", () => {
  it("an empty or blank image", () => {
    expect(problems({ image: "" })).to.deep.equal(["spec.image"]);
    expect(problems({ image: "dittofs: latest" })).to.deep.equal(["spec.image"]);
  });

  it("claims of size zero and StorageClass names that are not DNS-1123 subdomains", () => {
    expect(
      problems({ storage: { metadataSize: "0Gi", contentSize: "0Mi", controlPlaneSize: "0Ti" } }),
    ).to.deep.equal([
      "spec.storage.metadataSize",
      "spec.storage.contentSize",
      "spec.storage.controlPlaneSize",
    ]);
    expect(
      problems({
        storage: { ...STORAGE, storageClassName: "Fast_SSD" },
        percona: { storageClassName: "a..b" },
      }),
    ).to.deep.equal(["spec.storage.storageClassName", "spec.percona.storageClassName"]);
    expect(problems({ percona: { storageSize: "0Gi" } })).to.deep.equal([
      "spec.percona.storageSize",
    ]);
    accepted({ storage: { ...STORAGE, storageClassName: "" } });
  });

  it("Secret names and keys no Secret can have, where the pod reads them", () => {
    const bad = { name: "Bad_Name", key: "a/b" };
    expect(
      problems({
        identity: {
          jwt: { secretRef: bad },
          admin: { passwordSecretRef: bad },
          ldap: { url: "ldap://x", baseDN: "dc=x", bindDN: "cn=y", bindPasswordSecretRef: bad },
          kerberos: {
            enabled: true,
            servicePrincipal: "nfs/h@R",
            keytabSecretRef: bad,
            krb5ConfSecretRef: bad,
            machineAccount: {
              enabled: true,
              accountName: "D$",
              secretRef: bad,
              keytabSecretRef: bad,
            },
          },
        },
        // The PostgreSQL ref's key is used for nothing (fixed keys): only its name is checked.
        database: { postgresSecretRef: bad },
        metrics: { enabled: true, bearerTokenSecret: bad },
        controlPlane: { certSecretName: "tls cert", clientCASecretName: "-ca" },
        percona: {
          enabled: true,
          backup: {
            enabled: true,
            bucket: "b",
            endpoint: "e",
            credentialsSecretRef: { name: "x_y" },
          },
        },
      }),
    ).to.deep.equal([
      "spec.identity.jwt.secretRef.name",
      "spec.identity.jwt.secretRef.key",
      "spec.identity.admin.passwordSecretRef.name",
      "spec.identity.admin.passwordSecretRef.key",
      "spec.database.postgresSecretRef.name",
      "spec.identity.ldap.bindPasswordSecretRef.name",
      "spec.identity.ldap.bindPasswordSecretRef.key",
      "spec.identity.kerberos.keytabSecretRef.name",
      "spec.identity.kerberos.keytabSecretRef.key",
      "spec.identity.kerberos.krb5ConfSecretRef.name",
      "spec.identity.kerberos.krb5ConfSecretRef.key",
      "spec.identity.kerberos.machineAccount.secretRef.name",
      "spec.identity.kerberos.machineAccount.secretRef.key",
      "spec.identity.kerberos.machineAccount.keytabSecretRef.name",
      "spec.identity.kerberos.machineAccount.keytabSecretRef.key",
      "spec.metrics.bearerTokenSecret.name",
      "spec.metrics.bearerTokenSecret.key",
      "spec.controlPlane.certSecretName",
      "spec.controlPlane.clientCASecretName",
      "spec.percona.backup.credentialsSecretRef.name",
    ]);
  });

  it("refs that nothing reads are not checked (Kerberos disabled, metrics off)", () => {
    const bad = { name: "Bad_Name", key: "a/b" };
    accepted({
      identity: { kerberos: { enabled: false, keytabSecretRef: bad } },
      metrics: { enabled: false, bearerTokenSecret: bad },
    });
  });

  it("resources: negative quantities and requests above limits", () => {
    expect(
      problems({
        resources: { requests: { cpu: "-1", memory: "2Gi" }, limits: { memory: "1Gi" } },
      }),
    ).to.deep.equal(["spec.resources.requests.cpu", "spec.resources.requests.memory"]);
  });

  it("metrics.serviceMonitor.interval: prometheus-operator's duration syntax", () => {
    expect(problems({ metrics: { serviceMonitor: { interval: "half a minute" } } })).to.deep.equal([
      "spec.metrics.serviceMonitor.interval",
    ]);
    accepted({ metrics: { enabled: true, serviceMonitor: { enabled: true, interval: "1m30s" } } });
  });

  describe("the container security context with the hardening merged in", () => {
    it("privileged or CAP_SYS_ADMIN while allowPrivilegeEscalation is false (defaulted or set)", () => {
      expect(problems({ securityContext: { privileged: true } })).to.deep.equal([
        "spec.securityContext.privileged",
      ]);
      expect(
        problems({ securityContext: { capabilities: { add: ["CAP_SYS_ADMIN"] } } }),
      ).to.deep.equal(["spec.securityContext.capabilities.add"]);
      expect(
        problems({ securityContext: { privileged: true, allowPrivilegeEscalation: false } }),
      ).to.deep.equal(["spec.securityContext.privileged"]);
      accepted({ securityContext: { privileged: true, allowPrivilegeEscalation: true } });
    });

    it("uid 0 while runAsNonRoot is true (defaulted or set), from the container's or the pod's context", () => {
      expect(problems({ securityContext: { runAsUser: 0 } })).to.deep.equal([
        "spec.securityContext.runAsUser",
      ]);
      expect(problems({ podSecurityContext: { runAsUser: 0 } })).to.deep.equal([
        "spec.podSecurityContext.runAsUser",
      ]);
      accepted({ securityContext: { runAsUser: 0, runAsNonRoot: false } });
      // The Percona wait container runs with the pod's context.
      expect(
        problems({
          securityContext: { runAsUser: 1000 },
          podSecurityContext: { runAsUser: 0, runAsNonRoot: true },
          percona: { enabled: true },
        }),
      ).to.deep.equal(["spec.podSecurityContext.runAsUser"]);
    });
  });
});
