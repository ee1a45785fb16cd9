/**
 * Security contexts the API server or the kubelet refuses are rejected with their field path in both models
 * (src/resolve/security-context-rules.ts): the Feb model takes the user's context as given (the pod default beneath),
 * the v0.29 model merges its hardening in first.
 */
import { expect } from "chai";
import { render } from "../helpers/render";
import type { PlainArgs } from "../../src/resolve/component-fields";
import { problemsOf } from "../helpers/errors";

const STORAGE = { metadataSize: "1Gi" };
const problems = (release: string, args: PlainArgs) =>
  problemsOf(() => render("ctx", { operatorRelease: release, storage: STORAGE, ...args }));

describe("security context rules (both models)", () => {
  it("Feb: privileged or CAP_SYS_ADMIN with allowPrivilegeEscalation false", () => {
    expect(
      problems("2026-02", {
        securityContext: { privileged: true, allowPrivilegeEscalation: false },
      }),
    ).to.deep.equal([
      "spec.securityContext.privileged: true is rejected by the API server while allowPrivilegeEscalation is false: set spec.securityContext.allowPrivilegeEscalation: true",
    ]);
    expect(
      problems("2026-02", {
        securityContext: {
          allowPrivilegeEscalation: false,
          capabilities: { add: ["CAP_SYS_ADMIN"] },
        },
      }),
    ).to.deep.equal([
      "spec.securityContext.capabilities.add: CAP_SYS_ADMIN is rejected by the API server while allowPrivilegeEscalation is false: set spec.securityContext.allowPrivilegeEscalation: true",
    ]);
    // Privileged alone is what the API server takes (escalation unset means allowed).
    render("ctx", {
      operatorRelease: "2026-02",
      storage: STORAGE,
      securityContext: { privileged: true },
    });
  });

  it("Feb: uid 0 under the default pod context's runAsNonRoot", () => {
    expect(problems("2026-02", { securityContext: { runAsUser: 0 } })).to.deep.equal([
      "spec.securityContext.runAsUser: 0 runs the server as root, but runAsNonRoot is true (from spec.podSecurityContext): the kubelet refuses to start the container; set spec.securityContext.runAsNonRoot: false to run as root",
    ]);
    render("ctx", {
      operatorRelease: "2026-02",
      storage: STORAGE,
      securityContext: { runAsUser: 0, runAsNonRoot: false },
    });
  });

  it("Feb: the Percona wait container runs with the pod's context", () => {
    expect(
      problems("2026-02", {
        securityContext: { runAsUser: 1000 },
        podSecurityContext: { runAsNonRoot: true, runAsUser: 0 },
        percona: { enabled: true },
      }),
    ).to.deep.equal([
      "spec.podSecurityContext.runAsUser: 0 runs the Percona wait container as root, but spec.podSecurityContext.runAsNonRoot is true: the kubelet refuses to start it",
    ]);
  });

  it("v0.29: the hardening's defaults are named as such", () => {
    expect(problems("v0.29", { securityContext: { privileged: true } })).to.deep.equal([
      "spec.securityContext.privileged: true is rejected by the API server while allowPrivilegeEscalation is false (the hardening's default when unset): set spec.securityContext.allowPrivilegeEscalation: true",
    ]);
  });
});
