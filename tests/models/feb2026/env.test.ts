/** The Feb server container's env: S3 credentials and Percona's connection. */
import { expect } from "chai";
import { find, maybe, container, envNames, config, type Obj } from "../../helpers/objects";
import { render } from "../../helpers/render";
import { MINIMAL } from "../../helpers/specs";

describe("field groups", () => {
  it("s3: custom keys and region feed AWS_* env; without s3 there is no AWS env", () => {
    const r = render(
      "s3k",
      {
        ...MINIMAL,
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
      envNames(render("nos3", MINIMAL), "nos3").filter((n) => n.startsWith("AWS_")),
    ).to.deep.equal([]);
  });

  it("percona: DATABASE_URL then the server's PostgreSQL parts from Percona's user Secret, and the wait", () => {
    const r = render("pc", { ...MINIMAL, percona: { enabled: true } });
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
    expect(config(r, "pc")).to.include("    type: postgres\n    postgres:\n");
  });

  it("percona with postgresSecretRef: the user's connection wins (no Percona parts), the cluster still exists", () => {
    const r = render(
      "pcu",
      {
        ...MINIMAL,
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
});
