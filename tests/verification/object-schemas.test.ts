/**
 * Every object the component emits, validated against the real schemas (k8s-schemas.ts): kubernetes-models for
 * core/v1, apps/v1 and networking.k8s.io/v1, Percona's CRD (closed) for the PerconaPGCluster and prometheus-operator's
 * for the ServiceMonitor. First the validators themselves are shown to
 * catch what they should (so a green result means something), then the objects of hand-picked specs, the operator's
 * samples and the example, on the render path and on the component path. The generated specs of
 * properties.test.ts go through the same validator.
 *
 * The skipped tests at the end are bugs: specs the component accepts although Kubernetes (or Percona's CRD)
 * rejects an object it renders from them.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { Service } from "kubernetes-models/v1/Service";
import { run } from "../../src/cli/main";
import { DittoSpecError } from "../../src/resolve/errors";
import type { PlainArgs } from "../../src/resolve/component-fields";
import { deploy } from "../helpers/component";
import { putClusterSecret } from "../helpers/mocks";
import { render } from "../helpers/render";
import { KNOWN_KINDS, objectProblems, objectsProblems, perconaSchema } from "./k8s-schemas";
import { captureWarnings } from "../helpers/mocked-program";
import { SAMPLES, SAMPLE_SECRET_FILES } from "../helpers/samples";
import { FEB, MINIMAL } from "../helpers/specs";
import { find, type Obj } from "../helpers/objects";

const SAMPLE_SECRETS = SAMPLE_SECRET_FILES.map((f) => path.join(SAMPLES, f));
const EXAMPLE = path.join(__dirname, "..", "fixtures", "feb2026", "example.yaml");

const JWT = "objectSchemasJwtSecretValue-0123456789";
const SECRETS = {
  jwt: { k: JWT },
  admin: { hash: "$2a$10$abcdefghijklmnopqrstuv", initial: "initial-pass-1" },
  pg: { url: "postgres://ditto:pw@db.example:5432/ditto?sslmode=require" },
  s3: { accessKeyId: "AKIAOBJECT", secretAccessKey: "object-secret", endpoint: "https://s3.x" },
};

/** Everything on, every Secret referenced. */
const FULL_REFS: PlainArgs = {
  image: "marmos91c/dittofs:v0.4.0",
  replicas: 1,
  nfsPort: 2049,
  storage: {
    metadataSize: "10Gi",
    contentSize: "50Gi",
    cacheSize: "5Gi",
    controlPlaneSize: "2Gi",
    storageClassName: "fast",
  },
  database: { type: "postgres", postgresSecretRef: { name: "pg", key: "url" } },
  cache: { path: "/data/cache/wal", size: "2GB" },
  metrics: { enabled: true, port: 9091 },
  controlPlane: { port: 8081 },
  identity: {
    jwt: { secretRef: { name: "jwt", key: "k" }, issuer: "me" },
    admin: {
      username: "root",
      passwordSecretRef: { name: "admin", key: "hash" },
      initialPasswordSecretRef: { name: "admin", key: "initial" },
    },
  },
  service: { type: "LoadBalancer", annotations: { "example.com/lb": "internal" } },
  smb: { enabled: true, port: 445, credits: { strategy: "fixed" } },
  s3: { credentialsSecretRef: { secretName: "s3" }, region: "us-east-1", bucket: "b" },
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
  securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
  podSecurityContext: { fsGroup: 1000, fsGroupChangePolicy: "OnRootMismatch" },
  labels: { team: "storage" },
  annotations: { "example.com/owner": "ops" },
  namespace: "objects",
};

/** Everything on, secrets passed as values (owned Secrets). */
const FULL_VALUES: PlainArgs = {
  ...MINIMAL,
  smb: { enabled: true },
  metrics: { enabled: true },
  percona: { enabled: true },
  secretValues: {
    jwtSecret: JWT,
    adminInitialPassword: "initial-pass-1",
    postgresConnection: "host=db user=u dbname=d password=p",
    s3: { accessKeyId: "AKIA", secretAccessKey: "s", endpoint: "https://s3.x" },
  },
};

const docs = (text: string): Obj[] =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as Obj)
    .filter(Boolean);

let checked = 0;
function expectValid(objects: object[]): void {
  expect(objectsProblems(objects)).to.deep.equal([]);
  checked += objects.length;
}

describe("verification: object schemas", function () {
  this.timeout(60_000);

  before(() => {
    perconaSchema(); // compile once, outside the timed tests
  });
  after(() =>
    console.log(
      `      [object-schemas] ${checked} emitted objects validated (${KNOWN_KINDS.length} kinds, ` +
        `${perconaSchema().ruleCount} CEL rules of Percona's CRD), 0 invalid`,
    ),
  );

  describe("the validators catch what they should", () => {
    const service = (): Obj => ({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "s", labels: { any: "label" } },
      spec: { ports: [{ name: "nfs", port: 2049, targetPort: "nfs", protocol: "TCP" }] },
    });

    it("kubernetes-models alone accepts unknown fields (so the read-recording check is needed)", () => {
      const obj = service();
      obj.spec.bogus = 1;
      expect(() => new Service(obj as any).validate()).not.to.throw();
      expect(objectProblems(obj)).to.deep.equal(["Service/s: spec.bogus: unknown field"]);
    });

    it("finds unknown fields at any depth, but not keys of maps (labels, data, limits)", () => {
      const obj = service();
      obj.spec.ports[0].extra = true;
      obj.metadata.typo = "x";
      expect(objectProblems(obj)).to.have.members([
        "Service/s: spec.ports[0].extra: unknown field",
        "Service/s: metadata.typo: unknown field",
      ]);
    });

    it("rejects wrong types, enums and missing required fields", () => {
      const obj = service();
      obj.spec.ports[0].port = "2049";
      obj.spec.ports[0].protocol = "TCPX";
      obj.spec.type = "Internal";
      const problems = objectProblems(obj).join("\n");
      expect(problems).to.include("data/spec/ports/0/port must be integer");
      expect(problems).to.include(
        "data/spec/ports/0/protocol must be equal to one of the allowed values",
      );
      expect(problems).to.include("data/spec/type must be equal to one of the allowed values");
      const sts = { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "x" }, spec: {} };
      expect(objectProblems(sts).join("\n")).to.include(
        "data/spec must have required property selector",
      );
    });

    it("rejects a bad quantity and an int32 overflow", () => {
      const sts = render("q", MINIMAL).objects.find((o: Obj) => o.kind === "StatefulSet") as Obj;
      const bad = structuredClone(sts);
      bad.spec.template.spec.containers[0].resources = { limits: { cpu: "lots" } };
      bad.spec.template.spec.containers[0].ports[0].containerPort = 2 ** 31;
      const problems = objectProblems(bad).join("\n");
      expect(problems).to.include('limits/cpu must match format "quantity"');
      expect(problems).to.include('containerPort must match format "int32"');
    });

    it("checks the PerconaPGCluster: closed objects, CEL rules, metadata, open where the CRD preserves fields", () => {
      const pg = find(
        render("pgc", { ...MINIMAL, percona: { enabled: true } }),
        "PerconaPGCluster",
        "pgc-postgres",
      );
      expect(objectProblems(pg)).to.deep.equal([]);
      const bad = structuredClone(pg);
      bad.spec.instances[0].typo = 1;
      bad.spec.backups = { enabled: true, pgbackrest: {} };
      bad.metadata.labels = { ok: 5 };
      const problems = objectProblems(bad).join("\n");
      expect(problems).to.include("/spec/instances/0 must NOT have additional properties (typo)");
      expect(problems).to.include("/spec/backups CEL rule failed");
      expect(problems).to.include("metadata: data/metadata/labels/ok must be string");
      const open = structuredClone(pg);
      open.spec.patroni = { dynamicConfiguration: { anything: { goes: 1 } } };
      expect(objectProblems(open)).to.deep.equal([]);
    });

    it("checks a NetworkPolicy with kubernetes-models (types, enums, unknown fields)", () => {
      const policy: Obj = {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: "np" },
        spec: {
          podSelector: { matchLabels: { app: "x" } },
          policyTypes: ["Ingress"],
          ingress: [{ ports: [{ protocol: "TCP", port: 8080 }] }],
        },
      };
      expect(objectProblems(policy)).to.deep.equal([]);
      const bad = structuredClone(policy);
      bad.spec.ingress[0].ports[0].protocol = "ICMP";
      bad.spec.ingress[0].ports[0].portz = 1;
      bad.spec.policyTypes = ["Sideways"];
      const problems = objectProblems(bad).join("\n");
      expect(problems).to.include("protocol must be equal to one of the allowed values");
      expect(problems).to.include("policyTypes/0 must be equal to one of the allowed values");
      expect(problems).to.include("spec.ingress[0].ports[0].portz: unknown field");
    });

    it("checks a ServiceMonitor against prometheus-operator's CRD (closed, patterns, metadata)", () => {
      const monitor: Obj = {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "ServiceMonitor",
        metadata: { name: "sm", labels: { release: "kps" } },
        spec: {
          selector: { matchLabels: { app: "x" } },
          namespaceSelector: { matchNames: ["default"] },
          endpoints: [{ port: "metrics", path: "/metrics", interval: "30s" }],
        },
      };
      expect(objectProblems(monitor)).to.deep.equal([]);
      const bad = structuredClone(monitor);
      bad.spec.endpoints[0].interval = "half a minute";
      bad.spec.endpoints[0].bearerTokenSecret = { name: "t" };
      bad.spec.typo = true;
      bad.metadata.labels = { release: 5 };
      const problems = objectProblems(bad).join("\n");
      expect(problems).to.include("/spec/endpoints/0/interval must match pattern");
      expect(problems).to.include(
        "/spec/endpoints/0/bearerTokenSecret must have required property 'key'",
      );
      expect(problems).to.include("/spec must NOT have additional properties (typo)");
      expect(problems).to.include("metadata: data/metadata/labels/release must be string");
    });

    it("flags kinds it has no schema for", () => {
      expect(
        objectProblems({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" } }),
      ).to.deep.equal(["Pod/p: no schema for v1/Pod"]);
    });
  });

  describe("render path", () => {
    it("minimal spec", () => {
      expectValid(render("minimal", MINIMAL).objects);
    });

    it("everything on, every Secret referenced", () => {
      const result = render("full", FULL_REFS, SECRETS);
      expect(result.objects.map((o: Obj) => o.kind)).to.include.members([
        "PerconaPGCluster",
        "StatefulSet",
      ]);
      expectValid(result.objects);
    });

    it("everything on, secrets passed as values", () => {
      expectValid(render("values", FULL_VALUES).objects);
    });

    it("replicas 0, no content volume, a user securityContext and an explicit empty storage class", () => {
      expectValid(
        render("stopped", {
          replicas: 0,
          storage: { metadataSize: "1Mi", storageClassName: "" },
          securityContext: { privileged: false, capabilities: { add: ["NET_BIND_SERVICE"] } },
          podSecurityContext: { sysctls: [{ name: "net.ipv4.ip_local_port_range", value: "1 2" }] },
        }).objects,
      );
    });

    it("the operator's samples and the example through `dittofs render`", () => {
      const samples = fs
        .readdirSync(SAMPLES)
        .filter((f) => f.endsWith(".yaml") && !SAMPLE_SECRETS.includes(path.join(SAMPLES, f)));
      expect(samples.length).to.be.greaterThan(5);
      for (const sample of [...samples.map((f) => path.join(SAMPLES, f)), EXAMPLE]) {
        const text = fs.readFileSync(sample, "utf8");
        const withSecrets = /\nkind: Secret/.test(text) || sample === EXAMPLE;
        const files = withSecrets ? [sample] : [sample, ...SAMPLE_SECRETS];
        const result = run(
          ["render", ...files.flatMap((f) => ["-f", f]), "--operator-release", FEB],
          {},
        );
        expect(result.code, `${sample}: ${result.stderr}`).to.equal(0);
        expectValid(docs(result.stdout));
      }
    });
  });

  describe("component path (Pulumi mocks)", () => {
    const warnings = captureWarnings();

    it("every registered Kubernetes object of the everything-on specs", async () => {
      for (const [name, secret] of Object.entries(SECRETS))
        putClusterSecret("objects", name, secret);
      for (const [name, args] of [
        ["vobjrefs", FULL_REFS],
        ["vobjvalues", FULL_VALUES],
      ] as const) {
        warnings.messages = [];
        const d = await deploy(name, args as any);
        // The component warns what render warns for the same spec.
        expect([...warnings.messages].sort()).to.deep.equal(
          [...render(name, args, SECRETS).warnings].sort(),
        );
        const objects = d.children
          .filter((c) => c.type.startsWith("kubernetes:") && !c.read)
          .map((c) => c.inputs);
        expect(objects.length).to.be.greaterThan(6);
        expectValid(objects);
      }
    });
  });

  describe("known bugs: specs accepted although Kubernetes rejects an object rendered from them", () => {
    /** The fix may reject the spec (naming `field`) or render only valid objects; either passes. */
    function rejectedOrValid(field: string, args: PlainArgs): void {
      let objects: object[];
      try {
        objects = render("bug", { ...MINIMAL, ...args }).objects;
      } catch (e) {
        expect(e).to.be.instanceOf(DittoSpecError);
        expect((e as DittoSpecError).problems.some((p) => p.startsWith(`${field}`))).to.equal(
          true,
          (e as Error).message,
        );
        return;
      }
      expect(objectsProblems(objects), JSON.stringify(args)).to.deep.equal([]);
    }

    // BUG: the CRD types these core/v1 fields as free strings; Kubernetes' schema has enums, and the API server
    // rejects the StatefulSet (kubernetes-models: "must be equal to one of the allowed values").
    it("core/v1 enum fields of securityContext / podSecurityContext (seccompProfile.type, procMount, ...)", () => {
      rejectedOrValid("spec.securityContext.seccompProfile.type", {
        securityContext: { seccompProfile: { type: "Default" } },
      });
      rejectedOrValid("spec.securityContext.procMount", {
        securityContext: { procMount: "Masked" },
      });
      rejectedOrValid("spec.podSecurityContext.fsGroupChangePolicy", {
        podSecurityContext: { fsGroupChangePolicy: "Sometimes" },
      });
      rejectedOrValid("spec.podSecurityContext.appArmorProfile.type", {
        podSecurityContext: { appArmorProfile: { type: "Strict" } },
      });
    });

    // BUG: Percona's CRD requires schedules of at least 6 characters and database names of 1-63 characters; the
    // DittoServer CRD takes any string, so the PerconaPGCluster is rejected.
    it("percona.backup schedules shorter than 6 characters, percona.databaseName empty or over 63", () => {
      const percona = (extra: Obj) => ({
        percona: {
          enabled: true,
          ...extra,
          backup: { enabled: true, bucket: "b", endpoint: "e", ...(extra.backup ?? {}) },
        },
      });
      rejectedOrValid(
        "spec.percona.backup.fullSchedule",
        percona({ backup: { fullSchedule: "@1h" } }),
      );
      rejectedOrValid(
        "spec.percona.backup.incrSchedule",
        percona({ backup: { incrSchedule: "" } }),
      );
      rejectedOrValid("spec.percona.databaseName", percona({ databaseName: "" }));
      rejectedOrValid("spec.percona.databaseName", percona({ databaseName: "d".repeat(64) }));
    });

    // BUG: the API server rejects a container resource claim the pod does not declare in
    // pod.spec.resourceClaims ("must be one of the names in pod.spec.resourceClaims which is empty",
    // validateResourceClaimNames); the component never declares any, so every `resources.claims` entry fails.
    // kubernetes-models cannot see this cross-field rule, hence the explicit expectation of a rejection.
    it("resources.claims (the pod declares no resourceClaims)", () => {
      expect(() =>
        render("claims", {
          ...MINIMAL,
          resources: { claims: [{ name: "gpu" }] },
        }),
      ).to.throw(DittoSpecError, "spec.resources.claims");
    });

    // BUG: Services must be DNS-1035 labels (Kubernetes' ValidateServiceName = NameIsDNS1035Label): a name starting
    // with a digit is accepted (src/naming.ts checks DNS-1123 only), then `<name>-headless`, `-file`, `-api` are
    // rejected by the API server.
    it("a DittoServer name starting with a digit", () => {
      expect(() => render("1ditto", MINIMAL)).to.throw(DittoSpecError, "metadata.name");
    });

    // BUG: label keys must be qualified names and values at most 63 characters of [A-Za-z0-9_.-] (starting and
    // ending alphanumeric); annotation keys must be qualified names. Only the reserved keys are checked.
    it("labels and annotations Kubernetes rejects (component-only fields and spec.service.annotations)", () => {
      const cases: Array<[string, PlainArgs]> = [
        ["labels", { labels: { team: "has space" } }],
        ["labels", { labels: { team: "x".repeat(64) } }],
        ["labels", { labels: { "-bad-key": "x" } }],
        ["annotations", { annotations: { "bad key!": "x" } }],
        ["spec.service.annotations", { service: { annotations: { "bad key!": "x" } } }],
      ];
      for (const [field, args] of cases) {
        expect(() => render("labels", { ...MINIMAL, ...args }), field).to.throw(
          DittoSpecError,
          field,
        );
      }
    });
  });
});
