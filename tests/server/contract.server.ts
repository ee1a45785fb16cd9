/**
 * Server contract tests (issue 9, and issue 15 for the v0.29 model): boots the real DittoFS server with what
 * `dittofs render` produces, as the pod would run it, and checks that it serves. The Feb model's cases run on both
 * servers; the v0.29 model's on the v0.29 server. What the sandbox models, and what it does not, is in README
 * "Tested against the real server". Every check is its own test; the summary at the end counts cases and checks.
 */
import * as fs from "fs";
import * as path from "path";
import { describeBadContracts } from "./bad-contracts";
import { describeCase } from "./case-checks";
import { FEB_CASES } from "./cases";
import { V029_CASES } from "./cases-v029";
import { LocalPostgres, postgresUnavailable } from "./postgres";
import { sandboxUnavailable, workDir } from "./sandbox";
import { describeScaledToZero } from "./scaled-to-zero";
import { FEB_SERVER, readStamp, TODAYS_SERVER, unusable } from "./server-builds";
import { shared } from "./shared";
import { skipWithReason, tally } from "./tally";
import { pkiUnavailable, TestPki } from "./test-pki";

const SANDBOX = sandboxUnavailable();
const BUILDS = [FEB_SERVER, TODAYS_SERVER].map((build) => ({
  build,
  reason: SANDBOX || unusable(build),
}));
let root = "";

before(function () {
  if (SANDBOX) return;
  root = workDir("dittofs-contract-");
  shared.postgresReason = postgresUnavailable();
  shared.pkiReason = pkiUnavailable();
  if (!shared.pkiReason) shared.pki = new TestPki();
  if (!shared.postgresReason && BUILDS.some((b) => !b.reason)) {
    fs.mkdirSync(path.join(root, "postgres"));
    shared.postgres = new LocalPostgres(path.join(root, "postgres"));
  }
});

after(function () {
  shared.postgres?.stop();
  shared.pki?.dispose();
  if (root) fs.rmSync(root, { recursive: true, force: true });
  tally.print(BUILDS.map((b) => ({ ...b, stamp: readStamp(b.build) })));
});

for (const { build, reason } of BUILDS) {
  describe(`real DittoFS server ${build.label}`, function () {
    this.timeout(60000);
    before(function () {
      if (reason) {
        console.log(`    skipped: ${reason}`);
        this.skip();
      }
    });
    for (const c of FEB_CASES) describeCase(build, c);
    if (build === TODAYS_SERVER) {
      for (const c of V029_CASES) describeCase(build, c);
      describeScaledToZero(build);
      // The v0.29 model wires Percona's database (differences: percona-database); booting it needs the Percona
      // operator, which makes the PostgreSQL cluster and the `<name>-postgres-pguser-dittofs` Secret.
      describe("v0.29 Percona (percona.enabled)", function () {
        before(function () {
          skipWithReason(
            this,
            "v0.29 Percona (percona.enabled)",
            "not booted: no Percona operator in the sandbox to create the PostgreSQL cluster and its pguser Secret",
          );
        });
        it("serves with Percona's database", function () {
          throw new Error("runs only where the Percona operator runs");
        });
      });
    }
    describeBadContracts(build);
  });
}
