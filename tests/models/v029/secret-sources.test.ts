/**
 * With `percona.enabled` the v0.29 server is connected to Percona's database (differences: percona-database); a
 * connection given beside it is not used, and the component says so for either form, never silently.
 */
import { expect } from "chai";
import { renderV029 as render } from "../../helpers/render";
import { MINIMAL } from "../../helpers/specs";

const PERCONA = {
  ...MINIMAL,
  database: { type: "postgres" },
  percona: { enabled: true },
};

describe("v0.29 model: Percona beside another PostgreSQL connection", () => {
  it("secretValues.postgresConnection: a warning, no owned connection Secret, no value in the env", () => {
    const result = render("pgvalue", {
      ...PERCONA,
      secretValues: { postgresConnection: "postgres://u:p@db:5432/d" },
    });
    expect(result.warnings).to.deep.equal([
      "secretValues.postgresConnection is set but spec.percona.enabled connects the server to Percona's database: the connection is not used",
    ]);
    const names = (result.objects as Array<{ kind: string; metadata: { name: string } }>).map(
      (o) => `${o.kind}/${o.metadata.name}`,
    );
    expect(names).to.not.include("Secret/pgvalue-postgres-connection");
  });

  it("without Percona the value is used and nothing is said", () => {
    const result = render("pgvalue", {
      ...MINIMAL,
      database: { type: "postgres" },
      secretValues: { postgresConnection: "postgres://u:p@db:5432/d" },
    });
    expect(result.warnings).to.deep.equal([]);
  });
});
