/** The Feb server config: the database fallback, identity. */
import { expect } from "chai";
import { config } from "../../helpers/objects";
import { render } from "../../helpers/render";
import { MINIMAL } from "../../helpers/specs";

describe("field groups", () => {
  it("database.type postgres without a connection falls back to SQLite at the default path, with a warning", () => {
    const r = render("pgless", {
      ...MINIMAL,
      database: { type: "postgres", sqlite: { path: "/data/controlplane/custom.db" } },
    });
    expect(config(r, "pgless")).to.include(
      "    type: sqlite\n    sqlite:\n        path: /data/controlplane/controlplane.db\n",
    );
    expect(r.warnings.join("\n")).to.include("SQLite will be used");
  });

  it("identity.jwt durations and issuer, and admin.username, reach the config", () => {
    const r = render("idn", {
      ...MINIMAL,
      identity: {
        jwt: { accessTokenDuration: "30m", refreshTokenDuration: "24h", issuer: "me" },
        admin: { username: "root" },
      },
    });
    const text = config(r, "idn");
    expect(text).to.include(
      "        issuer: me\n        access_token_duration: 30m\n        refresh_token_duration: 24h\n",
    );
    expect(text).to.include("admin:\n    username: root\n");
  });
});
