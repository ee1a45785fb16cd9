/**
 * Acceptance facts 24-36 of the v0.29 delta: the objects for one option at a time (default spec plus the option),
 * for the v0.29 model, through `dittofs render`'s pipeline, the model's hash entries and the mocked component.
 *
 * Deliberate differences (each test names its row): the PostgreSQL block holds "" where the operator writes
 * `placeholder` (postgres-placeholders); with Percona the server is connected to Percona's database
 * (percona-database); the LDAP bind password is hashed (hash-ldap-bind-password).
 */
import { expect } from "chai";
import { valueOf } from "../../helpers/mocks";
import { DEFAULT_CONFIG, hashInputs, KERBEROS, KEYTAB, PG, selector, TLS, CA } from "./support";
import {
  config,
  container,
  find,
  maybe,
  objectIds,
  podSpec,
  secretRef,
  statefulSet,
  type Obj,
} from "../../helpers/objects";
import { deployV029 } from "../../helpers/component";
import { renderV029 as render } from "../../helpers/render";

const STORAGE = { metadataSize: "10Gi" };
const HELLO = selector("hello");
const annotationOf = (r: ReturnType<typeof render>, name: string) =>
  statefulSet(r, name).spec.template.metadata.annotations["dittofs.io/config-hash"];
const volumeNames = (r: ReturnType<typeof render>, name: string) =>
  (podSpec(r, name).volumes as Obj[]).map((v) => v.name);

describe("v0.29 acceptance facts 24-36: options", () => {
  it("fact 24: storage with contentSize 100Gi, controlPlaneSize 2Gi, class fast: templates [metadata, content, controlplane], all fast; content at /data/store/block", () => {
    const r = render("hello", {
      storage: {
        metadataSize: "10Gi",
        contentSize: "100Gi",
        controlPlaneSize: "2Gi",
        storageClassName: "fast",
      },
    });
    const templates = statefulSet(r, "hello").spec.volumeClaimTemplates as Obj[];
    expect(
      templates.map((t) => [
        t.metadata.name,
        t.spec.resources.requests.storage,
        t.spec.storageClassName,
        t.spec.accessModes,
      ]),
    ).to.deep.equal([
      ["metadata", "10Gi", "fast", ["ReadWriteOnce"]],
      ["content", "100Gi", "fast", ["ReadWriteOnce"]],
      ["controlplane", "2Gi", "fast", ["ReadWriteOnce"]],
    ]);
    expect(container(r, "hello").volumeMounts).to.deep.equal([
      { name: "controlplane", mountPath: "/data/controlplane" },
      { name: "metadata", mountPath: "/data/store/metadata" },
      { name: "config", mountPath: "/config" },
      { name: "content", mountPath: "/data/store/block" },
    ]);
  });

  it("fact 25: terminationGracePeriodSeconds 120 is the pod's value", () => {
    const r = render("hello", { storage: STORAGE, terminationGracePeriodSeconds: 120 });
    expect(podSpec(r, "hello").terminationGracePeriodSeconds).to.equal(120);
  });

  it("fact 26: a user securityContext keeps allowPrivilegeEscalation true and add NET_BIND_SERVICE, and gains drop ALL, runAsNonRoot, RuntimeDefault", () => {
    const r = render("hello", {
      storage: STORAGE,
      securityContext: {
        allowPrivilegeEscalation: true,
        capabilities: { add: ["NET_BIND_SERVICE"] },
      },
    });
    expect(container(r, "hello").securityContext).to.deep.equal({
      allowPrivilegeEscalation: true,
      capabilities: { add: ["NET_BIND_SERVICE"], drop: ["ALL"] },
      runAsNonRoot: true,
      seccompProfile: { type: "RuntimeDefault" },
    });
    // The user's own values win everywhere (drop and runAsNonRoot too); the pod level is untouched.
    const own = render("hello", {
      storage: STORAGE,
      securityContext: { runAsNonRoot: false, capabilities: { drop: ["NET_RAW"] } },
    });
    expect(container(own, "hello").securityContext).to.deep.equal({
      allowPrivilegeEscalation: false,
      runAsNonRoot: false,
      capabilities: { drop: ["NET_RAW"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(podSpec(own, "hello").securityContext).to.deep.equal({ fsGroup: 65532 });
  });

  it("fact 27: admin passwordSecretRef adm/pw: no bootstrap Secret; DITTOFS_ADMIN_INITIAL_PASSWORD <- adm/pw without optional; hash entry admin:pw", async () => {
    const args = {
      storage: STORAGE,
      identity: { admin: { passwordSecretRef: { name: "adm", key: "pw" } } },
    };
    const secrets = { adm: { pw: "an-initial-password" } };
    const r = render("hello", args, secrets);
    expect(maybe(r, "Secret", "hello-admin-bootstrap-credentials")).to.equal(undefined);
    expect(container(r, "hello").env[1]).to.deep.equal(
      secretRef("DITTOFS_ADMIN_INITIAL_PASSWORD", "adm", "pw"),
    );
    const { entries } = hashInputs("hello", args, secrets);
    expect(entries.get("admin:pw")?.toString("utf8")).to.equal("an-initial-password");
    expect([...entries.keys()].filter((k) => k.startsWith("admin:"))).to.deep.equal(["admin:pw"]);
    const rotated = render("hello", args, { adm: { pw: "another-initial-password" } });
    expect(annotationOf(rotated, "hello")).to.not.equal(annotationOf(r, "hello"));
    // The component: no bootstrap Secret; the adminPassword output (secret) is the login password from adm/pw.
    const d = await deployV029("v029-fact27", args, secrets);
    expect(d.children.map((c) => c.inputs.metadata?.name)).to.not.include(
      "v029-fact27-admin-bootstrap-credentials",
    );
    expect(await valueOf(d.server.adminPassword)).to.equal("an-initial-password");
  });

  it('fact 28: postgresSecretRef pg/connection-string: config type postgres, (differences: postgres-placeholders) "" values; HOST/DATABASE/USER/PASSWORD then PORT/SSLMODE optional from pg; postgres:<k> for every key', () => {
    const args = {
      storage: STORAGE,
      database: { postgresSecretRef: { name: "pg", key: "connection-string" } },
    };
    const r = render("hello", args, { pg: PG });
    expect(config(r, "hello")).to.contain(
      [
        "database:",
        "    type: postgres",
        "    postgres:",
        '        host: ""',
        '        database: ""',
        '        user: ""',
        '        password: ""',
        "controlplane:",
      ].join("\n"),
    );
    expect(config(r, "hello")).to.not.contain("placeholder");
    expect(container(r, "hello").env.slice(2)).to.deep.equal([
      secretRef("DITTOFS_DATABASE_POSTGRES_HOST", "pg", "host"),
      secretRef("DITTOFS_DATABASE_POSTGRES_DATABASE", "pg", "database"),
      secretRef("DITTOFS_DATABASE_POSTGRES_USER", "pg", "user"),
      secretRef("DITTOFS_DATABASE_POSTGRES_PASSWORD", "pg", "password"),
      secretRef("DITTOFS_DATABASE_POSTGRES_PORT", "pg", "port", true),
      secretRef("DITTOFS_DATABASE_POSTGRES_SSLMODE", "pg", "sslmode", true),
    ]);
    const { entries } = hashInputs("hello", args, { pg: PG });
    expect([...entries.keys()].filter((k) => k.startsWith("postgres:")).sort()).to.deep.equal(
      Object.keys(PG)
        .map((k) => `postgres:${k}`)
        .sort(),
    );
    // Any key of the Secret rolls the pod, the unused connection-string too.
    const changed = render("hello", args, { pg: { ...PG, "connection-string": "other" } });
    expect(annotationOf(changed, "hello")).to.not.equal(annotationOf(r, "hello"));
    // The selector's key is used for nothing: said in a warning (W3's sibling for the fixed keys).
    expect(r.warnings).to.include(
      'spec.database.postgresSecretRef.key: "connection-string" is not used: the server reads the Secret\'s keys host, database, user, password, port, sslmode (port and sslmode optional)',
    );
  });

  it("fact 29: plus percona.enabled: (differences: percona-database) nothing from pg; DATABASE_URL and DITTOFS_DATABASE_POSTGRES_* from Percona's Secret; wait-for-postgres; backups {enabled: false}", () => {
    const args = {
      storage: STORAGE,
      database: { postgresSecretRef: { name: "pg", key: "connection-string" } },
      percona: { enabled: true },
    };
    const r = render("hello", args, { pg: PG });
    const env = container(r, "hello").env as Obj[];
    expect(env.filter((e) => e.valueFrom?.secretKeyRef?.name === "pg")).to.deep.equal([]);
    const percona = "hello-postgres-pguser-dittofs";
    expect(env.slice(2)).to.deep.equal([
      secretRef("DATABASE_URL", percona, "uri"),
      secretRef("DITTOFS_DATABASE_POSTGRES_HOST", percona, "host"),
      secretRef("DITTOFS_DATABASE_POSTGRES_PORT", percona, "port"),
      secretRef("DITTOFS_DATABASE_POSTGRES_DATABASE", percona, "dbname"),
      secretRef("DITTOFS_DATABASE_POSTGRES_USER", percona, "user"),
      secretRef("DITTOFS_DATABASE_POSTGRES_PASSWORD", percona, "password"),
      { name: "DITTOFS_DATABASE_POSTGRES_SSLMODE", value: "require" },
    ]);
    expect(podSpec(r, "hello").initContainers.map((c: Obj) => c.name)).to.deep.equal([
      "wait-for-postgres",
    ]);
    expect(config(r, "hello")).to.contain('    type: postgres\n    postgres:\n        host: ""\n');
    expect(find(r, "PerconaPGCluster", "hello-postgres").spec.backups).to.deep.equal({
      enabled: false,
    });
    expect(r.warnings).to.include(
      "Both percona.enabled and database.postgresSecretRef are set; Percona-managed PostgreSQL will be used (PostgresSecretRef ignored)",
    );
    // Percona before the StatefulSet, as the operator's readiness gate orders them.
    const ids = objectIds(r);
    expect(ids.indexOf("PerconaPGCluster/hello-postgres")).to.be.lessThan(
      ids.indexOf("StatefulSet/hello"),
    );
  });

  it("fact 30: certSecretName tls: volume tls-cert at /tls read-only, config cert_file/key_file, HTTPS probes; plus clientCASecretName ca: tls-client-ca, client_ca, tcpSocket probes", () => {
    const tls = render(
      "hello",
      { storage: STORAGE, controlPlane: { certSecretName: "tls" } },
      {
        tls: TLS,
      },
    );
    expect(podSpec(tls, "hello").volumes).to.deep.include({
      name: "tls-cert",
      secret: { secretName: "tls" },
    });
    expect(container(tls, "hello").volumeMounts).to.deep.include({
      name: "tls-cert",
      mountPath: "/tls",
      readOnly: true,
    });
    expect(config(tls, "hello")).to.contain(
      "        refresh_token_duration: 168h\n    tls:\n        cert_file: /tls/tls.crt\n        key_file: /tls/tls.key\nadmin:\n",
    );
    for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"])
      expect(container(tls, "hello")[probe].httpGet, probe).to.deep.include({
        port: 8080,
        scheme: "HTTPS",
      });

    const mtls = render(
      "hello",
      { storage: STORAGE, controlPlane: { certSecretName: "tls", clientCASecretName: "ca" } },
      { tls: TLS, ca: CA },
    );
    expect(volumeNames(mtls, "hello")).to.deep.equal(["config", "tls-cert", "tls-client-ca"]);
    expect(podSpec(mtls, "hello").volumes[2]).to.deep.equal({
      name: "tls-client-ca",
      secret: { secretName: "ca" },
    });
    expect(container(mtls, "hello").volumeMounts).to.deep.include({
      name: "tls-client-ca",
      mountPath: "/tls-client-ca",
      readOnly: true,
    });
    expect(config(mtls, "hello")).to.contain(
      "        key_file: /tls/tls.key\n        client_ca: /tls-client-ca/ca.crt\n",
    );
    for (const probe of ["livenessProbe", "readinessProbe", "startupProbe"]) {
      expect(container(mtls, "hello")[probe].tcpSocket, probe).to.deep.equal({ port: 8080 });
      expect(container(mtls, "hello")[probe], probe).to.not.have.property("httpGet");
    }
  });

  it("fact 31: metrics enabled: port metrics 9090 after api; Service hello-metrics with role label and prometheus.io annotations; baseline TCP 8080 and 9090; the metrics config block", () => {
    const r = render("hello", { storage: STORAGE, metrics: { enabled: true } });
    expect(container(r, "hello").ports.slice(0, 2)).to.deep.equal([
      { name: "api", containerPort: 8080, protocol: "TCP" },
      { name: "metrics", containerPort: 9090, protocol: "TCP" },
    ]);
    const svc = find(r, "Service", "hello-metrics");
    expect(svc.spec.type).to.equal("ClusterIP");
    expect(svc.spec.ports).to.deep.equal([
      { name: "metrics", port: 9090, targetPort: 9090, protocol: "TCP" },
    ]);
    expect(svc.spec.selector).to.deep.equal(HELLO);
    expect(svc.metadata.labels).to.deep.equal({ ...HELLO, "dittofs.io/metrics-service": "true" });
    expect(svc.metadata.annotations).to.deep.equal({
      "prometheus.io/scrape": "true",
      "prometheus.io/port": "9090",
      "prometheus.io/path": "/metrics",
    });
    expect(find(r, "NetworkPolicy", "hello-baseline").spec.ingress).to.deep.equal([
      {
        ports: [
          { protocol: "TCP", port: 8080 },
          { protocol: "TCP", port: 9090 },
        ],
      },
    ]);
    expect(config(r, "hello")).to.equal(
      DEFAULT_CONFIG +
        "metrics:\n    enabled: true\n    host: 0.0.0.0\n    port: 9090\n    path: /metrics\n    auth: none\n",
    );
  });

  it("fact 32: metrics disabled with a bearerTokenSecret: no metrics-token volume, no metrics block, no metrics Service (the Secret is not read)", () => {
    const r = render("hello", {
      storage: STORAGE,
      metrics: { enabled: false, bearerTokenSecret: { name: "t", key: "k" } },
    });
    expect(volumeNames(r, "hello")).to.deep.equal(["config"]);
    expect(config(r, "hello")).to.equal(DEFAULT_CONFIG);
    expect(maybe(r, "Service", "hello-metrics")).to.equal(undefined);
    expect(objectIds(r).filter((id) => id.startsWith("ServiceMonitor/"))).to.deep.equal([]);
  });

  it("fact 33: metrics 9100 with a bearer token and a ServiceMonitor: metrics-token volume, auth token, ServiceMonitor labels (infra wins over app: x), endpoint and namespace", async () => {
    const args = {
      storage: STORAGE,
      metrics: {
        enabled: true,
        port: 9100,
        bearerTokenSecret: { name: "t", key: "k" },
        serviceMonitor: { enabled: true, interval: "30s", labels: { release: "kps", app: "x" } },
      },
    };
    const secrets = { t: { k: "scrape-token" } };
    const r = render("hello", args, secrets);
    expect(podSpec(r, "hello").volumes).to.deep.include({
      name: "metrics-token",
      secret: { secretName: "t", items: [{ key: "k", path: "token" }] },
    });
    expect(container(r, "hello").volumeMounts).to.deep.include({
      name: "metrics-token",
      mountPath: "/metrics-token",
      readOnly: true,
    });
    expect(config(r, "hello")).to.contain(
      "metrics:\n    enabled: true\n    host: 0.0.0.0\n    port: 9100\n    path: /metrics\n    auth: token\n    token_file: /metrics-token/token\n",
    );
    const sm = find(r, "ServiceMonitor", "hello-metrics");
    expect(sm.apiVersion).to.equal("monitoring.coreos.com/v1");
    expect(sm.metadata.namespace).to.equal("default");
    expect(sm.metadata.labels).to.deep.equal({
      release: "kps",
      app: "dittofs-server",
      instance: "hello",
      "dittofs.io/metrics-service": "true",
    });
    expect(sm.spec).to.deep.equal({
      selector: { matchLabels: { ...HELLO, "dittofs.io/metrics-service": "true" } },
      namespaceSelector: { matchNames: ["default"] },
      endpoints: [
        {
          port: "metrics",
          path: "/metrics",
          interval: "30s",
          bearerTokenSecret: { name: "t", key: "k" },
        },
      ],
    });
    // Not hashed: the kubelet refreshes the mounted token.
    const { entries } = hashInputs("hello", args, secrets);
    expect([...entries.keys()].sort()).to.deep.equal(["admin:password", "jwt:jwt-secret"]);
    // The component registers it (differences: service-monitor: no CRD discovery).
    const d = await deployV029("v029-fact33", args, secrets);
    const monitor = d.one("kubernetes:monitoring.coreos.com/v1:ServiceMonitor", "service-monitor");
    expect(monitor.inputs.metadata.name).to.equal("v029-fact33-metrics");
    expect(monitor.inputs.spec.endpoints[0].bearerTokenSecret).to.deep.equal({
      name: "t",
      key: "k",
    });
  });

  it("fact 34: kerberos with keytab kt/krb5.keytab: volume kerberos-keytab (item dittofs.keytab, mode 0440) at /kerberos; keytab_path; hash entry kerberos-keytab:kt:krb5.keytab", () => {
    const args = { storage: STORAGE, identity: { kerberos: KERBEROS } };
    const r = render("hello", args, KEYTAB);
    const volume = (podSpec(r, "hello").volumes as Obj[]).find((v) => v.name === "kerberos-keytab");
    expect(volume).to.deep.equal({
      name: "kerberos-keytab",
      secret: {
        secretName: "kt",
        items: [{ key: "krb5.keytab", path: "dittofs.keytab" }],
        defaultMode: 288, // 0440
      },
    });
    expect(container(r, "hello").volumeMounts).to.deep.include({
      name: "kerberos-keytab",
      mountPath: "/kerberos",
      readOnly: true,
    });
    expect(config(r, "hello")).to.contain(
      "kerberos:\n    enabled: true\n    keytab_path: /kerberos/dittofs.keytab\n    service_principal: nfs/h@R\n",
    );
    const { entries } = hashInputs("hello", args, KEYTAB);
    expect(entries.get("kerberos-keytab:kt:krb5.keytab")?.toString("utf8")).to.equal(
      KEYTAB.kt["krb5.keytab"],
    );
    const rotated = render("hello", args, { kt: { "krb5.keytab": "OTHER-KEYTAB-BYTES" } });
    expect(annotationOf(rotated, "hello")).to.not.equal(annotationOf(r, "hello"));
  });

  it("fact 35: logging level DEBUG: config logging.level DEBUG with format json and output stdout kept; the digest and pod template change", () => {
    const base = render("hello", { storage: STORAGE });
    const r = render("hello", { storage: STORAGE, logging: { level: "DEBUG" } });
    expect(config(r, "hello")).to.equal(
      DEFAULT_CONFIG.replace("    level: INFO\n", "    level: DEBUG\n"),
    );
    expect(config(r, "hello")).to.contain("    format: json\n    output: stdout\n");
    expect(r.configHash).to.not.equal(base.configHash);
    expect(statefulSet(r, "hello").spec.template).to.not.deep.equal(
      statefulSet(base, "hello").spec.template,
    );
  });

  it("fact 36: ldap enabled with bindPasswordSecretRef l/p: ldap block, env DITTOFS_LDAP_BIND_PASSWORD <- l/p; (differences: hash-ldap-bind-password) hashed as ldap:l:p", () => {
    const args = {
      storage: STORAGE,
      identity: {
        ldap: {
          enabled: true,
          url: "ldaps://dc:636",
          baseDN: "dc=x",
          bindDN: "cn=y",
          bindPasswordSecretRef: { name: "l", key: "p" },
        },
      },
    };
    const secrets = { l: { p: "bind-password" } };
    const r = render("hello", args, secrets);
    expect(config(r, "hello")).to.equal(
      DEFAULT_CONFIG +
        "ldap:\n    enabled: true\n    url: ldaps://dc:636\n    base_dn: dc=x\n    bind_dn: cn=y\n",
    );
    expect(container(r, "hello").env.slice(2)).to.deep.equal([
      secretRef("DITTOFS_LDAP_BIND_PASSWORD", "l", "p"),
    ]);
    // The operator leaves it out of the hash; this package hashes it, so a rotation rolls the pod.
    const { entries } = hashInputs("hello", args, secrets);
    expect(entries.get("ldap:l:p")?.toString("utf8")).to.equal("bind-password");
    const rotated = render("hello", args, { l: { p: "new-bind-password" } });
    expect(annotationOf(rotated, "hello")).to.not.equal(annotationOf(r, "hello"));
  });
});
