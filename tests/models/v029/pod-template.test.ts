/**
 * The v0.29 model's pod template beyond the acceptance facts: volumes, mounts and env in the operator's orders with
 * every optional Secret referenced (the worked example), and the pod-level fields taken from the spec.
 */
import { expect } from "chai";
import { WORKED_SECRETS, WORKED_SPEC } from "../../acceptance/v029/support";
import { container, podSpec, secretRef } from "../../helpers/objects";
import { renderV029 as render } from "../../helpers/render";

const STORAGE = { metadataSize: "10Gi" };

describe("v0.29 model: pod template", () => {
  const r = render("demo", WORKED_SPEC, WORKED_SECRETS);

  it("volumes in order: config, tls-cert, tls-client-ca, metrics-token, kerberos-keytab, kerberos-krb5, kerberos-machine-keytab (keytabs 0440, none optional)", () => {
    expect(podSpec(r, "demo").volumes).to.deep.equal([
      { name: "config", configMap: { name: "demo-config" } },
      { name: "tls-cert", secret: { secretName: "demo-tls" } },
      { name: "tls-client-ca", secret: { secretName: "demo-client-ca" } },
      {
        name: "metrics-token",
        secret: { secretName: "demo-metrics", items: [{ key: "token", path: "token" }] },
      },
      {
        name: "kerberos-keytab",
        secret: {
          secretName: "demo-keytab",
          items: [{ key: "krb5.keytab", path: "dittofs.keytab" }],
          defaultMode: 0o440,
        },
      },
      {
        name: "kerberos-krb5",
        secret: { secretName: "demo-krb5", items: [{ key: "krb5.conf", path: "krb5.conf" }] },
      },
      {
        name: "kerberos-machine-keytab",
        secret: {
          secretName: "demo-mkeytab",
          items: [{ key: "machine.keytab", path: "machine.keytab" }],
          defaultMode: 0o440,
        },
      },
    ]);
  });

  it("mounts in order: the claims and config, then each Secret volume read-only at its path", () => {
    expect(container(r, "demo").volumeMounts).to.deep.equal([
      { name: "controlplane", mountPath: "/data/controlplane" },
      { name: "metadata", mountPath: "/data/store/metadata" },
      { name: "config", mountPath: "/config" },
      { name: "tls-cert", mountPath: "/tls", readOnly: true },
      { name: "tls-client-ca", mountPath: "/tls-client-ca", readOnly: true },
      { name: "metrics-token", mountPath: "/metrics-token", readOnly: true },
      { name: "kerberos-keytab", mountPath: "/kerberos", readOnly: true },
      { name: "kerberos-krb5", mountPath: "/kerberos-krb5", readOnly: true },
      { name: "kerberos-machine-keytab", mountPath: "/kerberos-machine", readOnly: true },
    ]);
  });

  it("env in order: JWT, initial password, LDAP bind password, machine-account secret, then PostgreSQL's six", () => {
    expect(container(r, "demo").env).to.deep.equal([
      secretRef("DITTOFS_CONTROLPLANE_SECRET", "demo-jwt", "secret"),
      secretRef("DITTOFS_ADMIN_INITIAL_PASSWORD", "demo-admin", "password"),
      secretRef("DITTOFS_LDAP_BIND_PASSWORD", "demo-ldap", "password"),
      secretRef("DITTOFS_KERBEROS_MACHINE_ACCOUNT_SECRET", "demo-machine", "password"),
      secretRef("DITTOFS_DATABASE_POSTGRES_HOST", "demo-pg", "host"),
      secretRef("DITTOFS_DATABASE_POSTGRES_DATABASE", "demo-pg", "database"),
      secretRef("DITTOFS_DATABASE_POSTGRES_USER", "demo-pg", "user"),
      secretRef("DITTOFS_DATABASE_POSTGRES_PASSWORD", "demo-pg", "password"),
      secretRef("DITTOFS_DATABASE_POSTGRES_PORT", "demo-pg", "port", true),
      secretRef("DITTOFS_DATABASE_POSTGRES_SSLMODE", "demo-pg", "sslmode", true),
    ]);
  });

  it("mTLS on port 8081: every probe a tcpSocket on 8081; ports api 8081, metrics 9100 first", () => {
    const c = container(r, "demo");
    for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"])
      expect(c[probe].tcpSocket, probe).to.deep.equal({ port: 8081 });
    expect(c.ports.slice(0, 2)).to.deep.equal([
      { name: "api", containerPort: 8081, protocol: "TCP" },
      { name: "metrics", containerPort: 9100, protocol: "TCP" },
    ]);
  });

  it("the LDAP bind password env also while LDAP is disabled; the machine-account secret only with Kerberos and the account enabled", () => {
    const disabled = render(
      "pt",
      {
        storage: STORAGE,
        identity: {
          ldap: {
            enabled: false,
            url: "ldap://x",
            baseDN: "dc=x",
            bindDN: "cn=y",
            bindPasswordSecretRef: { name: "l", key: "p" },
          },
          kerberos: {
            enabled: false,
            machineAccount: { enabled: true, secretRef: { name: "m", key: "p" } },
          },
        },
      },
      { l: { p: "bind-password" } },
    );
    expect(container(disabled, "pt").env.slice(2)).to.deep.equal([
      secretRef("DITTOFS_LDAP_BIND_PASSWORD", "l", "p"),
    ]);
  });

  it("podSecurityContext replaces the default wholesale; resources and image verbatim", () => {
    const p = render("pt", {
      storage: STORAGE,
      image: "marmos91c/dittofs:v0.29.0",
      podSecurityContext: { runAsUser: 1000, runAsGroup: 1000 },
      resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "1Gi" } },
    });
    expect(podSpec(p, "pt").securityContext).to.deep.equal({ runAsUser: 1000, runAsGroup: 1000 });
    expect(container(p, "pt").resources).to.deep.equal({
      requests: { cpu: "100m", memory: "128Mi" },
      limits: { memory: "1Gi" },
    });
    expect(container(p, "pt").image).to.equal("marmos91c/dittofs:v0.29.0");
  });
});
