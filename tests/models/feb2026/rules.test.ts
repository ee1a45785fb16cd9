/** Each field group's effect on the objects (what the acceptance facts do not already pin down). */
import { expect } from "chai";
import { messageOf } from "../../helpers/errors";
import { render } from "../../helpers/render";
import { container, envNames, find, maybe, type Obj } from "../../helpers/objects";
import { MINIMAL } from "../../helpers/specs";

const base = MINIMAL;
const JWT = "a-jwt-secret-that-is-long-enough-0123456789";

describe("field groups", () => {
  it("image: sets the server container's image", () => {
    expect(
      container(render("img", { ...base, image: "registry.local/dittofs:v1" }), "img").image,
    ).to.equal("registry.local/dittofs:v1");
  });

  it("service: type and annotations apply to the file and API Services only", () => {
    const r = render("svc", {
      ...base,
      metrics: { enabled: true },
      service: { type: "LoadBalancer", annotations: { "example.com/lb": "internal" } },
    });
    for (const name of ["svc-file", "svc-api"]) {
      const s = find(r, "Service", name);
      expect(s.spec.type).to.equal("LoadBalancer");
      expect(s.metadata.annotations).to.deep.equal({ "example.com/lb": "internal" });
    }
    for (const name of ["svc-headless", "svc-metrics"]) {
      const s = find(r, "Service", name);
      expect(s.spec.type).to.equal("ClusterIP");
      expect(s.metadata.annotations).to.equal(undefined);
    }
  });

  it("labels and annotations: added to every object's metadata, selectors unchanged", () => {
    const r = render("meta", {
      ...base,
      labels: { team: "storage" },
      annotations: { owner: "platform" },
    });
    for (const o of r.objects as Obj[]) {
      expect(o.metadata.labels.team, `${o.kind} ${o.metadata.name}`).to.equal("storage");
      expect(o.metadata.annotations.owner, `${o.kind} ${o.metadata.name}`).to.equal("platform");
    }
    expect(find(r, "StatefulSet", "meta").spec.selector.matchLabels).to.deep.equal({
      app: "dittofs-server",
      instance: "meta",
    });
    expect(find(r, "Service", "meta-file").spec.selector).to.deep.equal({
      app: "dittofs-server",
      instance: "meta",
    });
  });

  it("labels: the selector's keys are reserved", () => {
    expect(messageOf(() => render("lbl", { ...base, labels: { app: "x" } }))).to.include(
      "labels.app: is reserved for the selector",
    );
  });

  it("storage: the class and sizes reach every claim template; an explicit empty class is kept", () => {
    const claims = (storage: Obj) =>
      find(render("st", { storage }), "StatefulSet", "st").spec.volumeClaimTemplates.map(
        (c: Obj) => [c.metadata.name, c.spec.storageClassName, c.spec.resources.requests.storage],
      );
    expect(
      claims({
        metadataSize: "2Gi",
        contentSize: "3Ti",
        cacheSize: "512Mi",
        controlPlaneSize: "4Gi",
        storageClassName: "fast",
      }),
    ).to.deep.equal([
      ["metadata", "fast", "2Gi"],
      ["content", "fast", "3Ti"],
      ["cache", "fast", "512Mi"],
      ["controlplane", "fast", "4Gi"],
    ]);
    expect(
      claims({ metadataSize: "1Gi", storageClassName: "" }).map((c: unknown[]) => c[1]),
    ).to.deep.equal(["", "", ""]);
  });

  it("securityContext and podSecurityContext replace the hardened defaults whole", () => {
    const r = render("sc", {
      ...base,
      securityContext: { runAsUser: 1000 },
      podSecurityContext: { fsGroup: 2000 },
    });
    expect(container(r, "sc").securityContext).to.deep.equal({ runAsUser: 1000 });
    expect(find(r, "StatefulSet", "sc").spec.template.spec.securityContext).to.deep.equal({
      fsGroup: 2000,
    });
  });

  it("cache and sqlite paths: on a claim (metadata, content with a size, cache, controlplane) only", () => {
    const ok = render("paths", {
      ...base,
      cache: { path: "/data/cache/wal" },
      database: { sqlite: { path: "/data/controlplane/x/db.sqlite" } },
    });
    expect(find(ok, "ConfigMap", "paths-config").data["config.yaml"]).to.include(
      "path: /data/cache/wal\n",
    );
    // Another claim persists too.
    const other = render("paths", {
      ...base,
      storage: { ...base.storage, contentSize: "1Gi" },
      cache: { path: "/data/metadata/cache" },
      database: { sqlite: { path: "/data/cache/control.db" } },
    });
    expect(find(other, "ConfigMap", "paths-config").data["config.yaml"])
      .to.include("path: /data/metadata/cache\n")
      .and.include("path: /data/cache/control.db\n");
    render("paths", {
      ...base,
      storage: { ...base.storage, contentSize: "1Gi" },
      database: { sqlite: { path: "/data/content/c.db" } },
    });
    const message = messageOf(() =>
      render("paths", {
        ...base,
        cache: { path: "/var/cache" },
        database: { sqlite: { path: "/var/lib/db" } },
      }),
    );
    expect(message).to.include(
      'spec.cache.path: "/var/cache" must be a directory on a volume that persists (/data/metadata, /data/cache or /data/controlplane, or below one)',
    );
    expect(message).to.include(
      'spec.database.sqlite.path: "/var/lib/db" must be a file below a volume that persists (/data/metadata, /data/cache or /data/controlplane)',
    );
    // /data/content is a claim only with storage.contentSize; /tmp is an emptyDir.
    for (const path of ["/data/content/c.db", "/tmp/c.db", "/data/cache"])
      expect(
        messageOf(() => render("paths", { ...base, database: { sqlite: { path } } })),
      ).to.include(`spec.database.sqlite.path: ${JSON.stringify(path)} must be a file`);
  });

  it("an unused sqlite path is not checked: PostgreSQL, Percona, or type postgres without a connection", () => {
    const sqlite = { path: "/var/lib/unused.db" };
    render("pgless", { ...base, database: { type: "postgres", sqlite } });
    render("percona", { ...base, database: { sqlite }, percona: { enabled: true } });
    render(
      "pg",
      { ...base, database: { sqlite, postgresSecretRef: { name: "pg", key: "url" } } },
      { pg: { url: "postgres://u:p@h:5432/d" } },
    );
  });

  it("database.type postgres without a connection falls back to SQLite at the default path, with a warning", () => {
    const r = render("pgless", {
      ...base,
      database: { type: "postgres", sqlite: { path: "/data/controlplane/custom.db" } },
    });
    expect(find(r, "ConfigMap", "pgless-config").data["config.yaml"]).to.include(
      "    type: sqlite\n    sqlite:\n        path: /data/controlplane/controlplane.db\n",
    );
    expect(r.warnings.join("\n")).to.include("SQLite will be used");
  });

  it("identity.jwt durations and issuer, and admin.username, reach the config", () => {
    const r = render("idn", {
      ...base,
      identity: {
        jwt: { accessTokenDuration: "30m", refreshTokenDuration: "24h", issuer: "me" },
        admin: { username: "root" },
      },
    });
    const config = find(r, "ConfigMap", "idn-config").data["config.yaml"];
    expect(config).to.include(
      "        issuer: me\n        access_token_duration: 30m\n        refresh_token_duration: 24h\n",
    );
    expect(config).to.include("admin:\n    username: root\n");
  });

  it("s3: custom keys and region feed AWS_* env; without s3 there is no AWS env", () => {
    const r = render(
      "s3k",
      {
        ...base,
        s3: {
          credentialsSecretRef: {
            secretName: "creds",
            accessKeyIdKey: "id",
            secretAccessKeyKey: "key",
            endpointKey: "url",
          },
          region: "us-east-2",
        },
      },
      { creds: { id: "i", key: "k" } },
    );
    const env = container(r, "s3k").env as Obj[];
    expect(env.filter((e) => e.name.startsWith("AWS_"))).to.deep.equal([
      { name: "AWS_ACCESS_KEY_ID", valueFrom: { secretKeyRef: { name: "creds", key: "id" } } },
      { name: "AWS_SECRET_ACCESS_KEY", valueFrom: { secretKeyRef: { name: "creds", key: "key" } } },
      {
        name: "AWS_ENDPOINT_URL",
        valueFrom: { secretKeyRef: { name: "creds", key: "url", optional: true } },
      },
      { name: "AWS_REGION", value: "us-east-2" },
    ]);
    expect(
      envNames(render("nos3", base), "nos3").filter((n) => n.startsWith("AWS_")),
    ).to.deep.equal([]);
  });

  it("secretValues.s3: an owned <name>-s3-credentials Secret feeds the AWS env, region defaulted", () => {
    const r = render("s3v", {
      ...base,
      secretValues: { s3: { accessKeyId: "AKID", secretAccessKey: "SAK" } },
    });
    expect(Object.keys(find(r, "Secret", "s3v-s3-credentials").data)).to.deep.equal([
      "accessKeyId",
      "secretAccessKey",
    ]);
    const env = container(r, "s3v").env as Obj[];
    expect(env.find((e) => e.name === "AWS_ACCESS_KEY_ID")!.valueFrom.secretKeyRef).to.deep.equal({
      name: "s3v-s3-credentials",
      key: "accessKeyId",
    });
    expect(env.find((e) => e.name === "AWS_REGION")).to.deep.equal({
      name: "AWS_REGION",
      value: "eu-west-1",
    });
  });

  it("secretValues conflict with the matching references, naming both", () => {
    const message = messageOf(() =>
      render("both", {
        ...base,
        identity: { jwt: { secretRef: { name: "j", key: "k" } } },
        secretValues: { jwtSecret: JWT },
      }),
    );
    expect(message).to.include(
      "secretValues.jwtSecret: conflicts with spec.identity.jwt.secretRef; set only one of them",
    );
    expect(message).not.to.include(JWT);
  });

  it("metrics: the port reaches the config, the container and the metrics Service", () => {
    const r = render("met", { ...base, metrics: { enabled: true, port: 9100 } });
    expect(find(r, "ConfigMap", "met-config").data["config.yaml"]).to.include(
      "metrics:\n    enabled: true\n    host: 0.0.0.0\n    port: 9100\n",
    );
    expect(container(r, "met").ports.find((p: Obj) => p.name === "metrics").containerPort).to.equal(
      9100,
    );
    expect(find(r, "Service", "met-metrics").spec.ports).to.deep.equal([
      { name: "metrics", port: 9100, targetPort: 9100, protocol: "TCP" },
    ]);
  });

  it("percona: DATABASE_URL then the server's PostgreSQL parts from Percona's user Secret, and the wait", () => {
    const r = render("pc", { ...base, percona: { enabled: true } });
    const env = (container(r, "pc").env as Obj[]).slice(-7);
    expect(
      env.map((e) => [
        e.name,
        e.value ?? `${e.valueFrom.secretKeyRef.name}/${e.valueFrom.secretKeyRef.key}`,
      ]),
    ).to.deep.equal([
      ["DATABASE_URL", "pc-postgres-pguser-dittofs/uri"],
      ["DITTOFS_DATABASE_POSTGRES_HOST", "pc-postgres-pguser-dittofs/host"],
      ["DITTOFS_DATABASE_POSTGRES_PORT", "pc-postgres-pguser-dittofs/port"],
      ["DITTOFS_DATABASE_POSTGRES_DATABASE", "pc-postgres-pguser-dittofs/dbname"],
      ["DITTOFS_DATABASE_POSTGRES_USER", "pc-postgres-pguser-dittofs/user"],
      ["DITTOFS_DATABASE_POSTGRES_PASSWORD", "pc-postgres-pguser-dittofs/password"],
      ["DITTOFS_DATABASE_POSTGRES_SSLMODE", "require"],
    ]);
    const init = find(r, "StatefulSet", "pc").spec.template.spec.initContainers;
    expect(init.map((c: Obj) => [c.name, c.image])).to.deep.equal([
      ["wait-for-postgres", "postgres:16-alpine"],
    ]);
    expect(find(r, "ConfigMap", "pc-config").data["config.yaml"]).to.include(
      "    type: postgres\n    postgres:\n",
    );
  });

  it("percona with postgresSecretRef: the user's connection wins (no Percona parts), the cluster still exists", () => {
    const r = render(
      "pcu",
      {
        ...base,
        percona: { enabled: true },
        database: { type: "postgres", postgresSecretRef: { name: "pg", key: "url" } },
      },
      { pg: { url: "postgres://u:p@h:5432/d" } },
    );
    const env = container(r, "pcu").env as Obj[];
    const host = env.filter((e) => e.name === "DITTOFS_DATABASE_POSTGRES_HOST");
    expect(host).to.deep.equal([
      {
        name: "DITTOFS_DATABASE_POSTGRES_HOST",
        valueFrom: { secretKeyRef: { name: "pcu-postgres-connection", key: "host" } },
      },
    ]);
    expect(maybe(r, "PerconaPGCluster", "pcu-postgres")).to.not.equal(undefined);
    expect(r.warnings.join("\n")).to.include("the server uses the referenced PostgreSQL");
  });

  it("ports: the pod's own listeners may not collide (API or metrics on 12049 or 1445)", () => {
    expect(messageOf(() => render("lp", { ...base, controlPlane: { port: 12049 } }))).to.include(
      "spec.controlPlane.port: port 12049 is used in the pod by both the NFS adapter (container port 12049) and api (spec.controlPlane.port)",
    );
    expect(
      messageOf(() =>
        render("lp", { ...base, smb: { enabled: true }, metrics: { enabled: true, port: 1445 } }),
      ),
    ).to.include(
      "spec.metrics.port: port 1445 is used in the pod by both the SMB adapter (container port 1445) and metrics (spec.metrics.port)",
    );
    // Standard ports belong on the Services (§10.2.1): accepted, the container ports stay unprivileged.
    const std = render("lp", { ...base, nfsPort: 2049, smb: { enabled: true, port: 445 } });
    expect(
      find(std, "Service", "lp-file").spec.ports.map((p: Obj) => [p.port, p.targetPort]),
    ).to.deep.equal([
      [2049, "nfs"],
      [445, "smb"],
    ]);
  });

  it("names: DNS-1035 labels of at most 52 characters", () => {
    expect(messageOf(() => render("Bad_Name", base))).to.include(
      'metadata.name: "Bad_Name" must be a DNS-1035 label',
    );
    expect(messageOf(() => render("a".repeat(53), base))).to.include(
      "is 53 characters; at most 52",
    );
    expect(() => render("a".repeat(52), base)).not.to.throw();
  });
});
