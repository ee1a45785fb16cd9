/**
 * The Feb model's rules (each field group's, beyond what the acceptance facts pin down): the cache and SQLite paths on
 * a volume that persists, the pod's own listeners, a secretValues entry beside its reference.
 */
import { expect } from "chai";
import { messageOf } from "../../helpers/errors";
import { render } from "../../helpers/render";
import { config, find, type Obj } from "../../helpers/objects";
import { MINIMAL } from "../../helpers/specs";

const JWT = "a-jwt-secret-that-is-long-enough-0123456789";

describe("field groups", () => {
  it("cache and sqlite paths: on a claim (metadata, content with a size, cache, controlplane) only", () => {
    const ok = render("paths", {
      ...MINIMAL,
      cache: { path: "/data/cache/wal" },
      database: { sqlite: { path: "/data/controlplane/x/db.sqlite" } },
    });
    expect(config(ok, "paths")).to.include("path: /data/cache/wal\n");
    // Another claim persists too.
    const other = render("paths", {
      ...MINIMAL,
      storage: { ...MINIMAL.storage, contentSize: "1Gi" },
      cache: { path: "/data/metadata/cache" },
      database: { sqlite: { path: "/data/cache/control.db" } },
    });
    expect(config(other, "paths"))
      .to.include("path: /data/metadata/cache\n")
      .and.include("path: /data/cache/control.db\n");
    render("paths", {
      ...MINIMAL,
      storage: { ...MINIMAL.storage, contentSize: "1Gi" },
      database: { sqlite: { path: "/data/content/c.db" } },
    });
    const message = messageOf(() =>
      render("paths", {
        ...MINIMAL,
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
        messageOf(() => render("paths", { ...MINIMAL, database: { sqlite: { path } } })),
      ).to.include(`spec.database.sqlite.path: ${JSON.stringify(path)} must be a file`);
  });

  it("an unused sqlite path is not checked: PostgreSQL, Percona, or type postgres without a connection", () => {
    const sqlite = { path: "/var/lib/unused.db" };
    render("pgless", { ...MINIMAL, database: { type: "postgres", sqlite } });
    render("percona", { ...MINIMAL, database: { sqlite }, percona: { enabled: true } });
    render(
      "pg",
      { ...MINIMAL, database: { sqlite, postgresSecretRef: { name: "pg", key: "url" } } },
      { pg: { url: "postgres://u:p@h:5432/d" } },
    );
  });

  it("secretValues conflict with the matching references, naming both", () => {
    const message = messageOf(() =>
      render("both", {
        ...MINIMAL,
        identity: { jwt: { secretRef: { name: "j", key: "k" } } },
        secretValues: { jwtSecret: JWT },
      }),
    );
    expect(message).to.include(
      "secretValues.jwtSecret: conflicts with spec.identity.jwt.secretRef; set only one of them",
    );
    expect(message).not.to.include(JWT);
  });

  it("ports: the pod's own listeners may not collide (API or metrics on 12049 or 1445)", () => {
    expect(messageOf(() => render("lp", { ...MINIMAL, controlPlane: { port: 12049 } }))).to.include(
      "spec.controlPlane.port: port 12049 is used in the pod by both the NFS adapter (container port 12049) and api (spec.controlPlane.port)",
    );
    expect(
      messageOf(() =>
        render("lp", {
          ...MINIMAL,
          smb: { enabled: true },
          metrics: { enabled: true, port: 1445 },
        }),
      ),
    ).to.include(
      "spec.metrics.port: port 1445 is used in the pod by both the SMB adapter (container port 1445) and metrics (spec.metrics.port)",
    );
    // Standard ports belong on the Services (§10.2.1): accepted, the container ports stay unprivileged.
    const std = render("lp", { ...MINIMAL, nfsPort: 2049, smb: { enabled: true, port: 445 } });
    expect(
      find(std, "Service", "lp-file").spec.ports.map((p: Obj) => [p.port, p.targetPort]),
    ).to.deep.equal([
      [2049, "nfs"],
      [445, "smb"],
    ]);
  });
});
