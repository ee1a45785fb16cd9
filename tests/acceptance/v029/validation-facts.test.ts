/**
 * Acceptance facts 1-10 of the v0.29 delta (the operator's webhook tests and CRD rules), for the v0.29 model.
 *
 * The webhook's rules (V1-V10) become errors and warnings before anything is registered, each prefixed with its field
 * path; the CRD's rules are the patched schema's. Where this package is stricter than the operator (fact 8: metrics on
 * the API port; fact 9: removed fields are rejected, not pruned), the test says so and checks the mapping
 * (differences: validation-static).
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { DittoServerArgs } from "../../../src/args";
import { DittoServer } from "../../../src/ditto-server";
import { run } from "../../../src/cli/main";
import { DIFFERENCES } from "../../../src/models/v029/differences";
import { registered } from "../../helpers/mocks";
import { CA, DEFAULT_CONFIG, DEFAULT_SPEC, TLS } from "./support";
import { problemsOf } from "../../helpers/errors";
import { config, container, find, podSpec, type Obj } from "../../helpers/objects";
import { renderV029 as render } from "../../helpers/render";
import { V029 } from "../../helpers/specs";

const STORAGE = { metadataSize: "10Gi" };
const V2 =
  "controlPlane.certSecretName is set, so the API serves native TLS; the operator will connect over https regardless of controlPlane.tls";

/** What the component throws for `args` (v0.29), and how many resources it registered first. */
function componentProblems(name: string, args: Obj): { problems: string[]; registered: number } {
  const before = registered.length;
  const problems = problemsOf(
    () => new DittoServer(name, { ...args, operatorRelease: V029 } as unknown as DittoServerArgs),
  );
  return { problems, registered: registered.length - before };
}

describe("v0.29 acceptance facts 1-10: validation", () => {
  it("fact 1: controlPlane.clientCASecretName without certSecretName is rejected with V1's text, by render and by the component", () => {
    const args = { storage: STORAGE, controlPlane: { clientCASecretName: "ca" } };
    const expected = [
      "spec.controlPlane.clientCASecretName: controlPlane.clientCASecretName requires controlPlane.certSecretName (mTLS needs a server certificate)",
    ];
    expect(problemsOf(() => render("v1", args, { ca: CA }))).to.deep.equal(expected);
    expect(componentProblems("v029-fact1", args)).to.deep.equal({
      problems: expected,
      registered: 0,
    });
  });

  it("fact 2: certSecretName with tls false is accepted with exactly the V2 warning; tls true plus clientCASecretName warns nothing", () => {
    const warned = render(
      "v2",
      { storage: STORAGE, controlPlane: { certSecretName: "tls", tls: false } },
      { tls: TLS },
    );
    expect(warned.warnings).to.deep.equal([V2]);
    const quiet = render(
      "v2",
      {
        storage: STORAGE,
        controlPlane: { certSecretName: "tls", tls: true, clientCASecretName: "ca" },
      },
      { tls: TLS, ca: CA },
    );
    expect(quiet.warnings).to.deep.equal([]);
    // tls absent is the CRD default false: the warning too.
    const absent = render(
      "v2",
      { storage: STORAGE, controlPlane: { certSecretName: "tls" } },
      {
        tls: TLS,
      },
    );
    expect(absent.warnings).to.deep.equal([V2]);
  });

  it("fact 3: kerberos enabled with a keytab but no servicePrincipal is rejected (V3)", () => {
    const args = {
      storage: STORAGE,
      identity: { kerberos: { enabled: true, keytabSecretRef: { name: "kt", key: "k" } } },
    };
    expect(problemsOf(() => render("v3", args, { kt: { k: "KT" } }))).to.deep.equal([
      "spec.identity.kerberos.servicePrincipal: identity.kerberos.servicePrincipal is required when kerberos is enabled",
    ]);
  });

  it("fact 4: kerberos enabled with a servicePrincipal but no keytab is rejected (V4)", () => {
    const args = {
      storage: STORAGE,
      identity: { kerberos: { enabled: true, servicePrincipal: "nfs/h@R" } },
    };
    expect(problemsOf(() => render("v4", args))).to.deep.equal([
      "spec.identity.kerberos.keytabSecretRef: identity.kerberos.keytabSecretRef is required when kerberos is enabled",
    ]);
    // A selector with an empty name counts as absent.
    const emptyName = {
      storage: STORAGE,
      identity: {
        kerberos: {
          enabled: true,
          servicePrincipal: "nfs/h@R",
          keytabSecretRef: { name: "", key: "k" },
        },
      },
    };
    expect(problemsOf(() => render("v4", emptyName))).to.deep.equal([
      "spec.identity.kerberos.keytabSecretRef: identity.kerberos.keytabSecretRef is required when kerberos is enabled",
    ]);
  });

  it("fact 5: kerberos {enabled: false} alone is accepted: no kerberos block, no /kerberos mount, no keytab volume", () => {
    const r = render("v5", { storage: STORAGE, identity: { kerberos: { enabled: false } } });
    expect(r.warnings).to.deep.equal([]);
    expect(config(r, "v5")).to.equal(DEFAULT_CONFIG);
    expect(config(r, "v5")).to.not.contain("kerberos");
    const mounts = (container(r, "v5").volumeMounts as Obj[]).map((m) => m.mountPath);
    expect(mounts).to.deep.equal(["/data/controlplane", "/data/store/metadata", "/config"]);
    expect((podSpec(r, "v5").volumes as Obj[]).map((v) => v.name)).to.deep.equal(["config"]);
    // The rest of a disabled block is not checked either (V3-V10 only when enabled).
    const rest = render("v5", {
      storage: STORAGE,
      identity: { kerberos: { enabled: false, keytabSecretRef: { name: "kt", key: "" } } },
    });
    expect(config(rest, "v5")).to.equal(DEFAULT_CONFIG);
  });

  it("fact 6: machineAccount enabled without accountName is rejected (V7); with accountName but neither ref (V8)", () => {
    const kerberos = {
      enabled: true,
      servicePrincipal: "nfs/h@R",
      keytabSecretRef: { name: "kt", key: "k" },
    };
    const secrets = { kt: { k: "KT" }, m: { p: "machine-pw" } };
    const noAccount = {
      storage: STORAGE,
      identity: {
        kerberos: {
          ...kerberos,
          machineAccount: { enabled: true, secretRef: { name: "m", key: "p" } },
        },
      },
    };
    expect(problemsOf(() => render("v6", noAccount, secrets))).to.deep.equal([
      "spec.identity.kerberos.machineAccount.accountName: identity.kerberos.machineAccount.accountName is required when machineAccount is enabled",
    ]);
    const noRef = {
      storage: STORAGE,
      identity: {
        kerberos: { ...kerberos, machineAccount: { enabled: true, accountName: "DITTOFS$" } },
      },
    };
    expect(problemsOf(() => render("v6", noRef, secrets))).to.deep.equal([
      "spec.identity.kerberos.machineAccount: identity.kerberos.machineAccount requires a secretRef or keytabSecretRef when enabled",
    ]);
  });

  it("fact 7: controlPlane.port 70000 is rejected (CRD maximum), naming spec.controlPlane.port", () => {
    expect(
      problemsOf(() => render("v7", { storage: STORAGE, controlPlane: { port: 70000 } })),
    ).to.deep.equal(["spec.controlPlane.port: 70000 must be <= 65535"]);
  });

  it("fact 8: (this package rejects it: differences validation-static) metrics on port 8080 with the default API port; the operator accepts it", () => {
    const args = { storage: STORAGE, metrics: { enabled: true, port: 8080 } };
    expect(problemsOf(() => render("v8", args))).to.deep.equal([
      "spec.metrics.port: port 8080 is used in the pod by both the API (spec.controlPlane.port) and metrics (spec.metrics.port)",
    ]);
    // The mapping: the README row names the operator's acceptance as the deliberate difference.
    const row = DIFFERENCES.find((d) => d.id === "validation-static");
    expect(row?.rule).to.contain("the operator accepts metrics on the API port");
    // No other conflict check: metrics on any other free port is accepted without a warning.
    const ok = render("v8", { storage: STORAGE, metrics: { enabled: true, port: 8081 } });
    expect(ok.warnings).to.deep.equal([]);
    expect(find(ok, "Service", "v8-metrics").spec.ports[0].port).to.equal(8081);
  });

  it("fact 9: nfsPort, smb, s3, cache and storage.cacheSize are rejected, one 'removed in DittoFS operator v0.29' line each, naming the replacement and the Feb model", () => {
    const args = {
      storage: { metadataSize: "10Gi", cacheSize: "5Gi" },
      nfsPort: 2049,
      smb: { enabled: true },
      s3: { region: "eu-west-1" },
      cache: { size: "1GB" },
    };
    const keep =
      'set operatorRelease: "2026-02" (dittofs render: --operator-release 2026-02) to keep the Feb object model';
    const expected = [
      `spec.nfsPort: removed in DittoFS operator v0.29 — the NFS port is the nfs adapter's, declared in spec.adapters; ${keep}`,
      `spec.smb: removed in DittoFS operator v0.29 — adapters are declared in spec.adapters; ${keep}`,
      `spec.s3: removed in DittoFS operator v0.29 — S3 credentials are given per payload store through the server's REST API; ${keep}`,
      `spec.cache: removed in DittoFS operator v0.29 — the server sizes its block cache itself; ${keep}`,
      `spec.storage.cacheSize: removed in DittoFS operator v0.29 — there is no cache volume (storage.controlPlaneSize sizes the control-plane volume); ${keep}`,
    ];
    expect(problemsOf(() => render("v9", args))).to.have.members(expected);
    expect(problemsOf(() => render("v9", args))).to.have.length(5);
    // Never pruned silently by the component either: it throws before registering anything.
    const c = componentProblems("v029-fact9", args);
    expect(c.problems).to.have.members(expected);
    expect(c.registered).to.equal(0);
    // Each field alone is rejected alone (no "unknown field" line besides).
    for (const [field, value] of Object.entries({
      nfsPort: 2049,
      smb: { enabled: false },
      s3: {},
      cache: {},
    })) {
      const p = problemsOf(() => render("v9", { storage: STORAGE, [field]: value }));
      expect(p, field).to.have.length(1);
      expect(p[0], field).to.match(
        new RegExp(
          `^spec\\.${field}: removed in DittoFS operator v0\\.29 — .+; set operatorRelease`,
        ),
      );
    }
  });

  it("fact 9: (dittofs render) a CR holding smb: fails with the removed-field line and prints nothing; --operator-release 2026-02 renders it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-v029-fact9-"));
    const file = path.join(dir, "server.yaml");
    fs.writeFileSync(
      file,
      "apiVersion: dittofs.dittofs.com/v1alpha1\nkind: DittoServer\nmetadata: {name: v9}\n" +
        "spec: {storage: {metadataSize: 10Gi, cacheSize: 5Gi}, smb: {enabled: true}}\n",
    );
    try {
      const today = run(["render", "-f", file], {});
      expect(today.code).to.equal(1);
      expect(today.stdout).to.equal("");
      expect(today.stderr).to.contain(
        "spec.smb: removed in DittoFS operator v0.29 — adapters are declared in spec.adapters",
      );
      const feb = run(["render", "-f", file, "--operator-release", "2026-02"], {});
      expect(feb.code, feb.stderr).to.equal(0);
      expect(feb.stdout).to.contain("name: v9-file");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fact 10: terminationGracePeriodSeconds 30, controlPlaneSize 1GB and metrics.path 'metrics' are each rejected (CRD minimum and patterns)", () => {
    expect(
      problemsOf(() => render("v10", { storage: STORAGE, terminationGracePeriodSeconds: 30 })),
    ).to.deep.equal(["spec.terminationGracePeriodSeconds: 30 must be >= 36"]);
    expect(
      problemsOf(() =>
        render("v10", { storage: { metadataSize: "10Gi", controlPlaneSize: "1GB" } }),
      ),
    ).to.deep.equal(['spec.storage.controlPlaneSize: "1GB" must match ^[0-9]+(Gi|Mi|Ti)$']);
    expect(
      problemsOf(() => render("v10", { storage: STORAGE, metrics: { path: "metrics" } })),
    ).to.deep.equal(['spec.metrics.path: "metrics" must match ^/.*']);
    // The boundaries are accepted.
    const ok = render("v10", {
      ...DEFAULT_SPEC,
      terminationGracePeriodSeconds: 36,
      storage: { metadataSize: "10Gi", controlPlaneSize: "2Gi" },
      metrics: { path: "/m" },
    });
    expect(podSpec(ok, "v10").terminationGracePeriodSeconds).to.equal(36);
  });
});
