/**
 * The v0.29 model's rules, one line per problem with its field path: the webhook's V1-V10 (exact texts), the kept
 * webhook rules and warnings, this package's own rules for a pod that serves (declared adapters, listeners, names,
 * pollingInterval, privileged ports, port names), and the fields of the other model, each rejected with its fix.
 */
import { expect } from "chai";
import { render as renderAny, renderV029 as render } from "../../helpers/render";
import type { PlainArgs } from "../../../src/resolve/component-fields";
import { problemsOf } from "../../helpers/errors";

const STORAGE = { metadataSize: "10Gi" };
const KT = { kt: { k: "KEYTAB" } };
/** Kerberos enabled with what V3-V6 need. */
const KERBEROS = {
  enabled: true,
  servicePrincipal: "nfs/h@R",
  keytabSecretRef: { name: "kt", key: "k" },
};

const problems = (args: PlainArgs, secrets: Record<string, Record<string, string>> = {}) =>
  problemsOf(() => render("rules", { storage: STORAGE, ...args }, secrets));
const warnings = (args: PlainArgs, secrets: Record<string, Record<string, string>> = {}) =>
  render("rules", { storage: STORAGE, ...args }, secrets).warnings;
const kerberos = (k: Record<string, unknown>) => ({
  identity: { kerberos: { ...KERBEROS, ...k } },
});
const machine = (m: Record<string, unknown>) =>
  kerberos({ machineAccount: { enabled: true, ...m } });

describe("v0.29 model: rules", () => {
  describe("a SQLite database the server uses must persist", () => {
    it("refuses a path off the volumes, naming them", () => {
      expect(problems({ database: { sqlite: { path: "/var/lib/dittofs/cp.db" } } })).to.deep.equal([
        'spec.database.sqlite.path: "/var/lib/dittofs/cp.db" must be a file below a volume that persists (/data/controlplane or /data/store/metadata): elsewhere the control-plane database is not writable or is lost at every restart',
      ]);
    });

    it("accepts a path on any claim, and does not check a path the server does not use", () => {
      const onClaim = { database: { sqlite: { path: "/data/store/metadata/cp.db" } } };
      expect(() => render("rules", { storage: STORAGE, ...onClaim })).not.to.throw();
      const unused = { database: { type: "postgres", sqlite: { path: "/tmp/unused.db" } } };
      expect(() => render("rules", { storage: STORAGE, ...unused })).not.to.throw();
    });
  });

  describe("the webhook's V1-V10, with their exact texts", () => {
    it("V1: clientCASecretName without certSecretName", () => {
      expect(problems({ controlPlane: { clientCASecretName: "ca" } })).to.deep.equal([
        "spec.controlPlane.clientCASecretName: controlPlane.clientCASecretName requires controlPlane.certSecretName (mTLS needs a server certificate)",
      ]);
    });

    it("V2 (warning): certSecretName with tls false", () => {
      expect(
        warnings(
          { controlPlane: { certSecretName: "tls" } },
          { tls: { "tls.crt": "C", "tls.key": "K" } },
        ),
      ).to.deep.equal([
        "controlPlane.certSecretName is set, so the API serves native TLS; the operator will connect over https regardless of controlPlane.tls",
      ]);
    });

    it("V3: kerberos enabled without servicePrincipal (also empty)", () => {
      const expected = [
        "spec.identity.kerberos.servicePrincipal: identity.kerberos.servicePrincipal is required when kerberos is enabled",
      ];
      expect(problems(kerberos({ servicePrincipal: undefined }), KT)).to.deep.equal(expected);
      expect(problems(kerberos({ servicePrincipal: "" }), KT)).to.deep.equal(expected);
    });

    it("V4: kerberos enabled without keytabSecretRef, or with an empty name", () => {
      const expected = [
        "spec.identity.kerberos.keytabSecretRef: identity.kerberos.keytabSecretRef is required when kerberos is enabled",
      ];
      expect(problems(kerberos({ keytabSecretRef: undefined }))).to.deep.equal(expected);
      expect(problems(kerberos({ keytabSecretRef: { name: "", key: "k" } }))).to.deep.equal(
        expected,
      );
    });

    it("V5: keytabSecretRef with a name and an empty key", () => {
      expect(problems(kerberos({ keytabSecretRef: { name: "kt", key: "" } }))).to.deep.equal([
        "spec.identity.kerberos.keytabSecretRef.key: identity.kerberos.keytabSecretRef.key is required when keytabSecretRef.name is set",
      ]);
    });

    it("V6: krb5ConfSecretRef with a name and an empty key (an empty name is no reference)", () => {
      expect(problems(kerberos({ krb5ConfSecretRef: { name: "k5", key: "" } }), KT)).to.deep.equal([
        "spec.identity.kerberos.krb5ConfSecretRef.key: identity.kerberos.krb5ConfSecretRef.key is required when krb5ConfSecretRef.name is set",
      ]);
      expect(() =>
        render(
          "rules",
          { storage: STORAGE, ...kerberos({ krb5ConfSecretRef: { name: "", key: "" } }) },
          KT,
        ),
      ).to.not.throw();
    });

    it("V7: machine account enabled without accountName", () => {
      expect(
        problems(machine({ secretRef: { name: "m", key: "p" } }), { ...KT, m: { p: "pw" } }),
      ).to.deep.equal([
        "spec.identity.kerberos.machineAccount.accountName: identity.kerberos.machineAccount.accountName is required when machineAccount is enabled",
      ]);
    });

    it("V8: machine account enabled with neither secretRef nor keytabSecretRef named", () => {
      expect(
        problems(machine({ accountName: "DITTOFS$", secretRef: { name: "", key: "p" } }), KT),
      ).to.deep.equal([
        "spec.identity.kerberos.machineAccount: identity.kerberos.machineAccount requires a secretRef or keytabSecretRef when enabled",
      ]);
    });

    it("V9: machine account secretRef with a name and an empty key", () => {
      expect(
        problems(machine({ accountName: "DITTOFS$", secretRef: { name: "m", key: "" } }), KT),
      ).to.deep.equal([
        "spec.identity.kerberos.machineAccount.secretRef.key: identity.kerberos.machineAccount.secretRef.key is required when secretRef.name is set",
      ]);
    });

    it("V10: machine account keytabSecretRef with a name and an empty key", () => {
      expect(
        problems(
          machine({ accountName: "DITTOFS$", keytabSecretRef: { name: "mk", key: "" } }),
          KT,
        ),
      ).to.deep.equal([
        "spec.identity.kerberos.machineAccount.keytabSecretRef.key: identity.kerberos.machineAccount.keytabSecretRef.key is required when keytabSecretRef.name is set",
      ]);
    });

    it("V3-V10 only when kerberos (and the machine account) is enabled; V7 and V8 together when both miss", () => {
      expect(() =>
        render("rules", {
          storage: STORAGE,
          identity: { kerberos: { enabled: false, machineAccount: { enabled: true } } },
        }),
      ).to.not.throw();
      expect(() =>
        render(
          "rules",
          { storage: STORAGE, ...kerberos({ machineAccount: { enabled: false } }) },
          KT,
        ),
      ).to.not.throw();
      expect(problems(machine({}), KT)).to.deep.equal([
        "spec.identity.kerberos.machineAccount.accountName: identity.kerberos.machineAccount.accountName is required when machineAccount is enabled",
        "spec.identity.kerberos.machineAccount: identity.kerberos.machineAccount requires a secretRef or keytabSecretRef when enabled",
      ]);
    });
  });

  describe("kept webhook rules and warnings", () => {
    it("W2: the JWT secretRef with a name needs a key", () => {
      expect(
        problems({ identity: { jwt: { secretRef: { name: "jwt", key: "" } } } }),
      ).to.deep.equal(["spec.identity.jwt.secretRef.key: is required when secretRef.name is set"]);
    });

    it("W3 (warning): postgresSecretRef with database.type sqlite, set or defaulted", () => {
      const pg = { pg: { host: "h", database: "d", user: "u", password: "p" } };
      expect(
        warnings(
          { database: { type: "sqlite", postgresSecretRef: { name: "pg", key: "host" } } },
          pg,
        ),
      ).to.deep.equal([
        "spec.database.postgresSecretRef is set but spec.database.type is 'sqlite' - PostgreSQL will take precedence",
      ]);
      expect(
        warnings(
          { database: { type: "postgres", postgresSecretRef: { name: "pg", key: "host" } } },
          pg,
        ),
      ).to.deep.equal([]);
    });

    it("W17 (warning): percona.enabled with postgresSecretRef", () => {
      expect(
        warnings({
          percona: { enabled: true },
          database: { type: "postgres", postgresSecretRef: { name: "pg", key: "host" } },
        }),
      ).to.deep.equal([
        "Both percona.enabled and database.postgresSecretRef are set; Percona-managed PostgreSQL will be used (PostgresSecretRef ignored)",
      ]);
    });

    it("W19, W20: percona backup enabled needs a bucket and an endpoint; W21 (warning) without credentials", () => {
      expect(problems({ percona: { enabled: true, backup: { enabled: true } } })).to.deep.equal([
        "spec.percona.backup.bucket: is required when backup is enabled",
        "spec.percona.backup.endpoint: is required when backup is enabled",
      ]);
      expect(
        warnings({
          percona: {
            enabled: true,
            backup: { enabled: true, bucket: "b", endpoint: "https://s3" },
          },
        }),
      ).to.deep.equal([
        "spec.percona.backup.credentialsSecretRef not set; pgBackRest may fail to authenticate with S3",
      ]);
    });

    it("the PostgreSQL Secret's fixed keys: a warning when postgresSecretRef.key names none of them", () => {
      const pg = { pg: { host: "h", database: "d", user: "u", password: "p" } };
      const args = (key: string) => ({
        database: { type: "postgres", postgresSecretRef: { name: "pg", key } },
      });
      expect(warnings(args("host"), pg)).to.deep.equal([]);
      expect(warnings(args("connection-string"), pg)).to.deep.equal([
        'spec.database.postgresSecretRef.key: "connection-string" is not used: the server reads the Secret\'s keys host, database, user, password, port, sslmode (port and sslmode optional)',
      ]);
    });

    it("snapshotPolicies (warning, once) and a ServiceMonitor without metrics (warning)", () => {
      expect(
        warnings({
          snapshotPolicies: [
            { share: "a", interval: "1h" },
            { share: "b", interval: "@daily" },
          ],
        }),
      ).to.deep.equal([
        "spec.snapshotPolicies: validated but not applied: the component has no session with the server's API (apply them with dfsctl or the REST API)",
      ]);
      expect(warnings({ metrics: { serviceMonitor: { enabled: true } } })).to.deep.equal([
        "spec.metrics.serviceMonitor.enabled: no ServiceMonitor while spec.metrics.enabled is false",
      ]);
    });
  });

  describe("selectors", () => {
    it("postgresSecretRef and admin passwordSecretRef must name a Secret and a key", () => {
      expect(
        problems({
          database: { postgresSecretRef: { name: "", key: "" } },
          identity: { admin: { passwordSecretRef: { name: "", key: "" } } },
        }),
      ).to.deep.equal([
        "spec.database.postgresSecretRef.name: must name a Secret",
        "spec.database.postgresSecretRef.key: must name a key of the Secret",
        "spec.identity.admin.passwordSecretRef.name: must name a Secret",
        "spec.identity.admin.passwordSecretRef.key: must name a key of the Secret",
      ]);
    });

    it("the LDAP bind password and the metrics token need a key when named; the token a name when metrics are on", () => {
      expect(
        problems({
          identity: {
            ldap: {
              url: "ldap://x",
              baseDN: "dc=x",
              bindDN: "cn=y",
              bindPasswordSecretRef: { name: "l", key: "" },
            },
          },
          metrics: { enabled: true, bearerTokenSecret: { name: "t", key: "" } },
        }),
      ).to.deep.equal([
        "spec.identity.ldap.bindPasswordSecretRef.key: is required when bindPasswordSecretRef.name is set",
        "spec.metrics.bearerTokenSecret.key: is required when bearerTokenSecret.name is set",
      ]);
      expect(
        problems({ metrics: { enabled: true, bearerTokenSecret: { name: "", key: "k" } } }),
      ).to.deep.equal(["spec.metrics.bearerTokenSecret.name: must name a Secret"]);
    });
  });

  describe("this package's rules for a pod that serves", () => {
    it("two adapters of one type (after sanitising) are rejected at the second", () => {
      expect(
        problems({
          adapters: [
            { type: "nfs", port: 12049 },
            { type: "NFS", port: 2049 },
          ],
        }),
      ).to.deep.equal([
        'spec.adapters[1].type: "NFS" names the same adapter as spec.adapters[0] (nfs)',
      ]);
    });

    it("two listeners on one port: API, metrics, adapters, portmapper 10111, mDNS 5353, WS-Discovery 3702/5357", () => {
      expect(problems({ adapters: [{ type: "nfs", port: 8080 }] })).to.deep.equal([
        "spec.adapters[0].port: port 8080 is used in the pod by both the API (spec.controlPlane.port) and the nfs adapter (spec.adapters[0].port)",
      ]);
      expect(problems({ metrics: { enabled: true, port: 1445 } })).to.deep.equal([
        "spec.adapters[1].port: port 1445 is used in the pod by both metrics (spec.metrics.port) and the smb adapter (spec.adapters[1].port)",
      ]);
      expect(
        problems({
          adapters: [
            { type: "nfs", port: 2049 },
            { type: "ftp", port: 2049 },
          ],
        }),
      ).to.deep.equal([
        "spec.adapters[1].port: port 2049 is used in the pod by both the nfs adapter (spec.adapters[0].port) and the ftp adapter (spec.adapters[1].port)",
      ]);
      expect(problems({ adapters: [{ type: "nfs", port: 10111 }] })).to.deep.equal([
        "spec.adapters[0].port: port 10111 is used in the pod by both the nfs adapter (spec.adapters[0].port) and the NFS portmapper (container port 10111)",
      ]);
      expect(problems({ adapters: [{ type: "ftp", port: 5353 }] })).to.deep.equal([
        "spec.adapters[0].port: port 5353 is used in the pod by both the ftp adapter (spec.adapters[0].port) and mDNS (container port 5353)",
      ]);
      expect(problems({ controlPlane: { port: 5357 } })).to.deep.equal([
        "spec.controlPlane.port: port 5357 is used in the pod by both the API (spec.controlPlane.port) and WS-Discovery metadata (container port 5357)",
      ]);
      // The fixed ports count only while their adapter is declared.
      expect(() =>
        render("rules", {
          storage: STORAGE,
          controlPlane: { port: 5357 },
          adapters: [{ type: "nfs", port: 12049 }],
        }),
      ).to.not.throw();
      expect(() =>
        render("rules", { storage: STORAGE, controlPlane: { port: 5353 }, adapters: [] }),
      ).to.not.throw();
    });

    it("an adapter type whose container port name the pod already has is rejected (the API server would reject the pod)", () => {
      expect(
        problems({
          adapters: [
            { type: "nfs", port: 12049 },
            { type: "nfs-pm", port: 2000 },
          ],
        }),
      ).to.deep.equal([
        'spec.adapters[1].type: "nfs-pm" gives the container port name "adapter-nfs-pm", which the pod already has for the NFS portmapper',
      ]);
      expect(problems({ adapters: [{ type: "mdns", port: 2000 }] })).to.deep.equal([
        'spec.adapters[0].type: "mdns" gives the container port name "adapter-mdns", which the pod already has for mDNS',
      ]);
      expect(
        problems({
          adapters: [
            { type: "wsdmeta", port: 2000 },
            { type: "smb", port: 1445 },
          ],
        }),
      ).to.deep.equal([
        'spec.adapters[0].type: "wsdmeta" gives the container port name "adapter-wsdmeta", which the pod already has for WS-Discovery metadata',
      ]);
      // Without SMB there is no WS-Discovery port: the name is free.
      expect(() =>
        render("rules", { storage: STORAGE, adapters: [{ type: "wsd", port: 2000 }] }),
      ).to.not.throw();
    });

    it("an NFS adapter on 111 (the portmapper's Service port) is rejected; another adapter may use it", () => {
      const bind = { securityContext: { capabilities: { add: ["NET_BIND_SERVICE"] } } };
      expect(problems({ ...bind, adapters: [{ type: "nfs", port: 111 }] })).to.deep.equal([
        'spec.adapters[0].port: 111 is the portmapper\'s port of the Service "rules-adapter-nfs" (111 -> 10111): the NFS adapter needs another port',
      ]);
      expect(() =>
        render("rules", { storage: STORAGE, ...bind, adapters: [{ type: "ftp", port: 111 }] }),
      ).to.not.throw();
    });

    it("a listener below 1024 (API, metrics, an adapter) needs a container that may bind it (differences: validation-static)", () => {
      const message = (path: string, port: number) =>
        `${path}: ${port} is below 1024 and the container may not listen there (it runs as a non-root user without NET_BIND_SERVICE): use a port of 1024 or more, or a securityContext whose capabilities.add has NET_BIND_SERVICE (or podSecurityContext.sysctls net.ipv4.ip_unprivileged_port_start at most ${port})`;
      expect(problems({ controlPlane: { port: 80 } })).to.deep.equal([
        message("spec.controlPlane.port", 80),
      ]);
      expect(problems({ metrics: { enabled: true, port: 90 } })).to.deep.equal([
        message("spec.metrics.port", 90),
      ]);
      expect(
        problems({
          adapters: [
            { type: "nfs", port: 2049 },
            { type: "smb", port: 445 },
          ],
        }),
      ).to.deep.equal([message("spec.adapters[1].port", 445)]);
      // Allowed with NET_BIND_SERVICE, with the sysctl, or as privileged.
      const smb445 = { adapters: [{ type: "smb", port: 445 }] };
      for (const extra of [
        { securityContext: { capabilities: { add: ["NET_BIND_SERVICE"] } } },
        { securityContext: { privileged: true, allowPrivilegeEscalation: true } },
        {
          podSecurityContext: {
            fsGroup: 65532,
            sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "400" }],
          },
        },
      ])
        expect(
          () => render("rules", { storage: STORAGE, ...smb445, ...extra }),
          JSON.stringify(extra),
        ).to.not.throw();
      // Root does not help while the hardening drops every capability.
      expect(
        problems({ ...smb445, securityContext: { runAsUser: 0, runAsNonRoot: false } }),
      ).to.deep.equal([message("spec.adapters[0].port", 445)]);
    });

    it("metadata.name: at most 51 characters (room for <name>-adapter-<type>); each Service name at most 63", () => {
      const name51 = "a".repeat(51);
      expect(() => render(name51, { storage: STORAGE })).to.not.throw();
      expect(problemsOf(() => render(`${name51}b`, { storage: STORAGE }))).to.deep.equal([
        `metadata.name: "${name51}b" is 52 characters; at most 51 leave room for <name>-adapter-<type> Service names`,
      ]);
      const type = "x".repeat(20);
      const name = "a".repeat(40);
      expect(
        problemsOf(() => render(name, { storage: STORAGE, adapters: [{ type, port: 2000 }] })),
      ).to.deep.equal([
        `spec.adapters[0].type: "${type}" makes the Service name "${name}-adapter-${type}" longer than 63 characters`,
      ]);
    });

    it("adapterDiscovery.pollingInterval: a positive Go duration (validated, no effect)", () => {
      for (const ok of [
        "30s",
        "1m30s",
        "0.5s",
        "100ms",
        "2h",
        ".5s",
        "5.s",
        "+30s",
        "1\u00b5s",
        "1\u03bcs",
      ])
        expect(() =>
          render("rules", { storage: STORAGE, adapterDiscovery: { pollingInterval: ok } }),
        ).to.not.throw();
      for (const bad of ["0s", "00m", "30", "abc", "-5s", "", "5 s", ".s", "1.5.5s", "+-5s", "30S"])
        expect(problems({ adapterDiscovery: { pollingInterval: bad } }), bad).to.deep.equal([
          `spec.adapterDiscovery.pollingInterval: ${JSON.stringify(bad)} must be a positive Go duration such as 30s`,
        ]);
    });
  });

  describe("the other model's fields", () => {
    const keep =
      'set operatorRelease: "2026-02" (dittofs render: --operator-release 2026-02) to keep the Feb object model';
    const removed = "removed in DittoFS operator v0.29";

    it("under v0.29 each Feb field is rejected with its replacement and the way to keep the Feb model", () => {
      const cases: Array<[PlainArgs, string]> = [
        [
          { nfsPort: 12049 },
          `spec.nfsPort: ${removed} — the NFS port is the nfs adapter's, declared in spec.adapters; ${keep}`,
        ],
        [
          { smb: { enabled: true } },
          `spec.smb: ${removed} — adapters are declared in spec.adapters; ${keep}`,
        ],
        [
          { s3: {} },
          `spec.s3: ${removed} — S3 credentials are given per payload store through the server's REST API; ${keep}`,
        ],
        [
          { cache: { size: "1GB" } },
          `spec.cache: ${removed} — the server sizes its block cache itself; ${keep}`,
        ],
        [
          { storage: { ...STORAGE, cacheSize: "5Gi" } },
          `spec.storage.cacheSize: ${removed} — there is no cache volume (storage.controlPlaneSize sizes the control-plane volume); ${keep}`,
        ],
        [
          { identity: { jwt: { issuer: "dittofs" } } },
          `spec.identity.jwt.issuer: ${removed} — the server always uses the issuer dittofs; ${keep}`,
        ],
        [
          { identity: { admin: { initialPasswordSecretRef: { name: "a", key: "p" } } } },
          `spec.identity.admin.initialPasswordSecretRef: not in the v0.29 model — identity.admin.passwordSecretRef is the initial password there; ${keep}`,
        ],
        [
          { secretValues: { s3: { accessKeyId: "AKIA", secretAccessKey: "secret-access-key" } } },
          `secretValues.s3: not in the v0.29 model — S3 credentials are given per payload store through the server's REST API; ${keep}`,
        ],
      ];
      for (const [args, expected] of cases)
        expect(problems(args), expected.split(":")[0]).to.deep.equal([expected]);
    });

    it("under 2026-02 each v0.29 field is rejected, naming operatorRelease v0.29 as the fix", () => {
      const fix =
        'new in DittoFS operator v0.29, not in the Feb object model; set operatorRelease: "v0.29" (the default; dittofs render: --operator-release v0.29) to use it';
      const cases: Array<[string, PlainArgs]> = [
        ["spec.adapters", { adapters: [{ type: "nfs", port: 12049 }] }],
        ["spec.adapterServices", { adapterServices: { type: "NodePort" } }],
        ["spec.adapterDiscovery", { adapterDiscovery: { pollingInterval: "30s" } }],
        ["spec.logging", { logging: { level: "DEBUG" } }],
        ["spec.snapshotPolicies", { snapshotPolicies: [{ share: "a", interval: "1h" }] }],
        ["spec.terminationGracePeriodSeconds", { terminationGracePeriodSeconds: 60 }],
        ["spec.controlPlane.tls", { controlPlane: { tls: true } }],
        ["spec.controlPlane.certSecretName", { controlPlane: { certSecretName: "tls" } }],
        ["spec.controlPlane.clientCASecretName", { controlPlane: { clientCASecretName: "ca" } }],
        [
          "spec.identity.ldap",
          { identity: { ldap: { url: "ldap://x", baseDN: "a", bindDN: "b" } } },
        ],
        ["spec.identity.kerberos", { identity: { kerberos: { enabled: false } } }],
        ["spec.metrics.path", { metrics: { path: "/m" } }],
        [
          "spec.metrics.bearerTokenSecret",
          { metrics: { bearerTokenSecret: { name: "t", key: "k" } } },
        ],
        ["spec.metrics.serviceMonitor", { metrics: { serviceMonitor: { enabled: false } } }],
      ];
      for (const [path, args] of cases)
        expect(
          problemsOf(() =>
            renderAny("rules", { storage: { metadataSize: "10Gi", cacheSize: "5Gi" }, ...args }),
          ),
          path,
        ).to.deep.equal([`${path}: ${fix}`]);
    });
  });
});
