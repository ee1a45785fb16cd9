/**
 * `replicas: 0` under the v0.29 model: the StatefulSet asks for no pod (the sandbox starts none), every object is
 * valid for Kubernetes, and the same objects scaled to one replica (`kubectl scale`) serve.
 */
import { expect } from "chai";
import { objectsProblems } from "../verification/k8s-schemas";
import { CaseRun } from "./case-run";
import { cr } from "./cases";
import { containerStart, renderWithCli, statefulSet, type Rendered } from "./rendered-pod";
import { workDir } from "./sandbox";
import { binaryPath, type ServerBuild } from "./server-builds";
import { check, tally } from "./tally";
import { MINIMAL } from "../helpers/specs";

export function describeScaledToZero(build: ServerBuild) {
  describe("v0.29 replicas: 0 (nothing runs, the objects are valid)", function () {
    const name = "zero";
    let rendered: Rendered;
    const runs: CaseRun[] = [];
    const newRun = (tamper?: (objects: Record<string, any>[]) => void) => {
      const own = { ...rendered, objects: structuredClone(rendered.objects) };
      const run = new CaseRun(build, binaryPath(build), own, workDir(`case-${name}-`), tamper);
      runs.push(run);
      return run;
    };

    before(function () {
      rendered = renderWithCli(cr(name, { replicas: 0, ...MINIMAL }, "v0.29"), []);
      tally.cases++;
    });
    after(async () => {
      for (const run of runs) await run.dispose();
    });

    check("the StatefulSet asks for no pod, and none is started", function () {
      expect(statefulSet(rendered).spec.replicas).to.equal(0);
      expect(() => newRun().startPod()).to.throw("creates no pod");
    });

    check("every object is valid for Kubernetes (kubernetes-models and CRD schemas)", function () {
      expect(objectsProblems(rendered.objects)).to.deep.equal([]);
    });

    check(
      "the pod a scale-up makes resolves every Secret key and volume (kubelet model)",
      function () {
        const start = containerStart(rendered, build, binaryPath(build), "10.213.0.2", new Map());
        expect(start.env).to.include.keys(
          "DITTOFS_CONTROLPLANE_SECRET",
          "DITTOFS_ADMIN_INITIAL_PASSWORD",
        );
        expect(start.mounts.map((m) => m.mountPath)).to.include.members([
          "/data/controlplane",
          "/data/store/metadata",
          "/config",
        ]);
      },
    );

    check("scaled to one replica (kubectl scale), the same objects serve", async function () {
      const run = newRun((objects) => {
        objects.find((o) => o.kind === "StatefulSet")!.spec.replicas = 1;
      });
      run.startPod();
      await run.waitHealthy();
      const token = await run.login(
        run.secretValue(`${name}-admin-bootstrap-credentials`, "password"),
      );
      const me = await run.request("GET", "/api/v1/auth/me", { token });
      expect(me.status, me.body).to.equal(200);
    });
  });
}
