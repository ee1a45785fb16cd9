/**
 * Every object the v0.29 model emits, validated against the real schemas (../k8s-schemas.ts: kubernetes-models for
 * core/v1, apps/v1 and networking.k8s.io/v1; prometheus-operator's CRD for the ServiceMonitor; Percona's for the
 * PerconaPGCluster) and the API server's cross-field rules (../api-server-rules.ts): hand-picked specs with every
 * feature on, the operator's v0.29 samples through `dittofs render`, and the component's registered children.
 * The generated specs of properties.test.ts go through the same checks.
 */
import { expect } from "chai";
import type { PlainArgs } from "../../../src/resolve/component-fields";
import { captureWarnings } from "../../helpers/mocked-program";
import { renderedObjects, renderSample, sampleInputs } from "../../parity/v029/sample-inputs";
import { objectsApiServerProblems } from "../api-server-rules";
import { KNOWN_KINDS, objectsProblems, serviceMonitorSchema } from "../k8s-schemas";
import { deployV029 } from "../../helpers/component";
import { renderV029 as render } from "../../helpers/render";
import type { Obj } from "../../helpers/objects";
import { MINIMAL } from "../../helpers/specs";

const SECRETS = {
  jwt: { k: "objectSchemasJwtSecretValue-0123456789" },
  admin: { password: "initial-pass-1" },
  pg: {
    host: "db.example",
    database: "ditto",
    user: "ditto",
    password: "pw",
    port: "5432",
    sslmode: "require",
  },
  "api-tls": { "tls.crt": "CERT", "tls.key": "KEY", "ca.crt": "CA" },
  ldap: { password: "ldap-bind-password" },
  kerberos: { keytab: "KEYTAB", "krb5.conf": "[libdefaults]\n" },
  machine: { password: "machine-pw", keytab: "MKEYTAB" },
  metrics: { token: "metrics-token-value" },
};

/** Everything on, every Secret referenced. */
const FULL_REFS: PlainArgs = {
  image: "marmos91c/dittofs:v0.29.0",
  replicas: 1,
  storage: {
    metadataSize: "10Gi",
    contentSize: "50Gi",
    controlPlaneSize: "2Gi",
    storageClassName: "fast",
  },
  database: { type: "postgres", postgresSecretRef: { name: "pg", key: "host" } },
  controlPlane: {
    port: 8081,
    tls: true,
    certSecretName: "api-tls",
    clientCASecretName: "api-tls",
  },
  identity: {
    jwt: { secretRef: { name: "jwt", key: "k" }, accessTokenDuration: "30m" },
    admin: { username: "root", passwordSecretRef: { name: "admin", key: "password" } },
    ldap: {
      enabled: true,
      url: "ldaps://dc.example.com:636",
      baseDN: "DC=example,DC=com",
      bindDN: "CN=svc,DC=example,DC=com",
      bindPasswordSecretRef: { name: "ldap", key: "password" },
      idmap: "rid",
      nestedGroups: true,
      caCertFile: "/etc/ldap/ca.crt",
    },
    kerberos: {
      enabled: true,
      servicePrincipal: "nfs/ditto.example.com@EXAMPLE.COM",
      realm: "EXAMPLE.COM",
      keytabSecretRef: { name: "kerberos", key: "keytab" },
      krb5ConfSecretRef: { name: "kerberos", key: "krb5.conf" },
      machineAccount: {
        enabled: true,
        accountName: "DITTOFS$",
        secretRef: { name: "machine", key: "password" },
        keytabSecretRef: { name: "machine", key: "keytab" },
        dcAddress: ["dc1.example.com", "dc2.example.com:445"],
      },
    },
  },
  metrics: {
    enabled: true,
    port: 9100,
    path: "/prom",
    bearerTokenSecret: { name: "metrics", key: "token" },
    serviceMonitor: { enabled: true, interval: "30s", labels: { release: "kps", app: "x" } },
  },
  logging: { level: "DEBUG", format: "text", output: "stderr" },
  adapters: [
    { type: "nfs", port: 12049 },
    { type: "smb", port: 1445 },
    { type: "custom-adapter-a", port: 20000 },
  ],
  adapterServices: { type: "NodePort", annotations: { "example.com/lb": "internal" } },
  adapterDiscovery: { pollingInterval: "1m" },
  snapshotPolicies: [{ share: "/export", interval: "1h", keepLast: 24 }],
  terminationGracePeriodSeconds: 120,
  service: { type: "LoadBalancer", annotations: { "example.com/lb": "internal" } },
  percona: {
    enabled: true,
    replicas: 3,
    storageClassName: "fast",
    backup: {
      enabled: true,
      bucket: "pg-backups",
      endpoint: "https://s3.example.com",
      credentialsSecretRef: { name: "pgbackrest" },
    },
  },
  resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { memory: "4Gi" } },
  securityContext: { allowPrivilegeEscalation: true, capabilities: { add: ["NET_BIND_SERVICE"] } },
  podSecurityContext: { fsGroup: 1000, fsGroupChangePolicy: "OnRootMismatch" },
  labels: { team: "storage" },
  annotations: { "example.com/owner": "ops" },
};

/** Secrets passed as values (owned Secrets), PostgreSQL through a connection string. */
const FULL_VALUES: PlainArgs = {
  ...MINIMAL,
  metrics: { enabled: true, serviceMonitor: { enabled: true } },
  secretValues: {
    jwtSecret: "objectSchemasJwtSecretValue-0123456789-x",
    adminInitialPassword: "initial-pass-1",
    postgresConnection: "postgres://u:p@db.example:5432/d?sslmode=require",
  },
};

let checked = 0;
function expectValid(objects: object[]): void {
  expect(objectsProblems(objects), "schemas").to.deep.equal([]);
  expect(objectsApiServerProblems(objects), "API server rules").to.deep.equal([]);
  checked += objects.length;
}

const kinds = (objects: object[]) => [...new Set((objects as Obj[]).map((o) => o.kind))].sort();

describe("verification (v0.29): object schemas", function () {
  this.timeout(60_000);

  before(() => {
    serviceMonitorSchema(); // compile once, outside the timed tests
  });
  after(() =>
    console.log(
      `      [v0.29 object-schemas] ${checked} emitted objects validated (${KNOWN_KINDS.length} kinds known), 0 invalid`,
    ),
  );

  describe("render path", () => {
    it("the default spec", () => {
      expectValid(render("minimal", MINIMAL).objects);
    });

    it("everything on, every Secret referenced: every kind but an owned Secret", () => {
      const result = render("full", FULL_REFS, SECRETS);
      expect(kinds(result.objects)).to.deep.equal([
        "ConfigMap",
        "NetworkPolicy",
        "PerconaPGCluster",
        "Service",
        "ServiceMonitor",
        "StatefulSet",
      ]);
      expectValid(result.objects);
    });

    it("everything on, secrets passed as values", () => {
      const result = render("values", FULL_VALUES);
      expect(kinds(result.objects)).to.include.members(["Secret", "ServiceMonitor"]);
      expectValid(result.objects);
    });

    it("replicas 0, no adapters, an explicit empty storage class, a root container that may be root", () => {
      expectValid(
        render("stopped", {
          replicas: 0,
          adapters: [],
          storage: { metadataSize: "1Mi", storageClassName: "" },
          securityContext: { runAsUser: 0, runAsNonRoot: false },
        }).objects,
      );
    });

    it("the operator's v0.29 samples through `dittofs render`", () => {
      const inputs = sampleInputs();
      expect(inputs.length).to.be.greaterThan(5);
      for (const input of inputs) {
        const result = renderSample(input);
        expect(result.code, `${input.sample.file}: ${result.stderr}`).to.equal(0);
        expectValid(renderedObjects(result));
      }
    });
  });

  describe("component path (Pulumi mocks)", () => {
    const warnings = captureWarnings();

    it("every registered Kubernetes object of the everything-on specs, with render's warnings", async () => {
      for (const [name, args] of [
        ["v029objrefs", FULL_REFS],
        ["v029objvalues", FULL_VALUES],
      ] as const) {
        warnings.messages = [];
        const d = await deployV029(name, args, SECRETS);
        expect([...warnings.messages].sort()).to.deep.equal(
          [...render(name, args, SECRETS).warnings].sort(),
        );
        const objects = d.children
          .filter((c) => c.type.startsWith("kubernetes:") && !c.read)
          .map((c) => c.inputs);
        expect(objects.length).to.be.greaterThan(10);
        expectValid(objects);
      }
    });
  });
});
