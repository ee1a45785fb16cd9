/**
 * Each owned Secret's data comes from its own material only: a value not known yet (a JWT secret generated anew, as
 * in the first preview of a changed generator) leaves the other owned Secrets' data known, so a preview shows them
 * unchanged instead of replaced.
 */
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { unknown } from "@pulumi/pulumi/output";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { DittoServer } from "../../src/ditto-server";
import { childrenOf, isSecretValue, valueOf } from "../helpers/mocks";
import { MINIMAL } from "../helpers/specs";

/** A registered input value with its secret wrapper taken off. */
const bare = (v: any): any => (isSecretValue(v) ? bare(v.value) : v);

describe("component: owned Secrets' data, each from its own material", () => {
  it("keeps the admin and PostgreSQL Secrets known while the JWT secret is not", async () => {
    const server = new DittoServer("owned-known", {
      operatorRelease: "v0.29",
      ...MINIMAL,
      database: { type: "postgres" },
      secretValues: {
        jwtSecret: pulumi.output(unknown) as pulumi.Output<string>,
        postgresConnection: "postgres://u:pw-0123456789@db:5432/app",
      },
    });
    // The Secrets' names resolve once they are registered (the config hash never does: it needs the JWT secret).
    await valueOf(server.generatedSecretNames);
    const data = (suffix: string) =>
      bare(
        childrenOf("owned-known").find((c) => c.name === `owned-known-${suffix}`)!.rawInputs.data,
      );
    // An unknown input is sent as the unknown marker in a preview, and left out otherwise.
    expect([undefined, unknownValue], "the JWT Secret waits for its value").to.include(
      data("jwt-secret"),
    );
    for (const suffix of ["admin-secret", "postgres-secret"]) {
      const known = data(suffix);
      expect(known, suffix).to.be.an("object");
      for (const v of Object.values(known))
        expect(bare(v), suffix).to.be.a("string").and.not.equal(unknownValue);
    }
  });
});
