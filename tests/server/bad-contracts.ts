/** Bad contracts: objects the real server must refuse or lose state with, so the suite cannot pass by accident. */
import { expect } from "chai";
import { CaseRun } from "./case-run";
import { cr, type Release } from "./cases";
import { httpRequest } from "./probes";
import { cluster, renderWithCli, type Rendered } from "./rendered-pod";
import { operatorObjects } from "../parity/operator-model";
import { yamlDocs } from "../helpers/samples";
import { workDir } from "./sandbox";
import { binaryPath, FEB_SERVER, type ServerBuild } from "./server-builds";
import { check } from "./tally";
import type { Obj } from "../helpers/objects";
import { MINIMAL } from "../helpers/specs";

function podTemplate(objects: Obj[]): Obj {
  return objects.find((o) => o.kind === "StatefulSet")!;
}

export function describeBadContracts(build: ServerBuild) {
  /** The model whose objects this server runs: the Feb model on the Feb server, the v0.29 model on today's. */
  const release: Release = build === FEB_SERVER ? "2026-02" : "v0.29";

  describe("bad contracts make the server exit", function () {
    async function exitsWith(
      rendered: Rendered,
      tamper: ((objects: Obj[]) => void) | undefined,
      message: RegExp,
    ) {
      const dir = workDir(`bad-${rendered.name}-`);
      const run = new CaseRun(build, binaryPath(build), rendered, dir, tamper);
      try {
        const container = run.startPod();
        const exited = await Promise.race([
          container.exited,
          new Promise<undefined>((r) => setTimeout(() => r(undefined), 20000)),
        ]);
        expect(exited, `the server kept running\n${run.logTail()}`).to.not.equal(undefined);
        expect(exited!.code, run.logTail()).to.not.equal(0);
        expect(run.redact(container.log())).to.match(message);
      } finally {
        await run.dispose();
      }
    }
    const render = (name: string, spec: Obj) => renderWithCli(cr(name, spec, release), []);

    // Today's server also binds DITTOFS_CONTROLPLANE_JWT_SECRET (an alias), so this contract is the Feb server's.
    if (build === FEB_SERVER)
      check(
        "the Feb operator's JWT variable alone (DITTOFS_CONTROLPLANE_JWT_SECRET)",
        async function () {
          await exitsWith(
            render("febjwt", MINIMAL),
            (objects) => {
              const env = podTemplate(objects).spec.template.spec.containers[0].env as Obj[];
              const jwt = env.find((e) => e.name === "DITTOFS_CONTROLPLANE_SECRET")!;
              jwt.name = "DITTOFS_CONTROLPLANE_JWT_SECRET";
            },
            /JWT secret must be at least 32 characters/,
          );
        },
      );

    check(
      `service links for a server named dittofs with metrics (DITTOFS_METRICS_PORT=tcp://…), ${release} model`,
      async function () {
        await exitsWith(
          render("dittofs", { ...MINIMAL, metrics: { enabled: true } }),
          (objects) => {
            podTemplate(objects).spec.template.spec.enableServiceLinks = true;
          },
          /'metrics\.port' cannot parse value as 'int'/,
        );
      },
    );

    // The Feb server exits on the JWT variable; today's image has no /app/dittofs for the operator's `command`
    // (the container runtime's StartError; here the sandbox's exec fails the same way).
    check(
      `the Feb operator's own objects for its memory sample (tests/parity model): ${build === FEB_SERVER ? "JWT" : "no /app/dittofs"}`,
      async function () {
        const [sample, ...secrets] = yamlDocs("dittofs_v1alpha1_dittofs_memory.yaml");
        const objects = operatorObjects(sample);
        const rendered = {
          name: sample.metadata.name,
          namespace: sample.metadata.namespace,
          objects,
          inputs: secrets,
        };
        const reason =
          build === FEB_SERVER
            ? /JWT secret must be at least 32 characters/
            : /failed to execute \/app\/dittofs/;
        await exitsWith(rendered, undefined, reason);
      },
    );
  });

  describe("bad contracts lose state", function () {
    check(
      `without the controlplane claim a pod recreation forgets what was made (${release} model, writable root)`,
      async function () {
        const rendered = renderWithCli(cr("nocpclaim", MINIMAL, release), []);
        const dir = workDir("bad-nocpclaim-");
        const run = new CaseRun(build, binaryPath(build), rendered, dir, (objects) => {
          const sts = podTemplate(objects);
          const ctr = sts.spec.template.spec.containers[0];
          sts.spec.volumeClaimTemplates = sts.spec.volumeClaimTemplates.filter(
            (t: Obj) => t.metadata.name !== "controlplane",
          );
          ctr.volumeMounts = ctr.volumeMounts.filter((m: Obj) => m.name !== "controlplane");
          ctr.securityContext.readOnlyRootFilesystem = false;
        });
        try {
          const password = cluster(rendered).secrets.get(
            "nocpclaim-admin-bootstrap-credentials",
          )!.password;
          run.startPod();
          await run.waitHealthy();
          const token = await run.login(password);
          const created = await httpRequest(run.ip, 8080, "POST", "/api/v1/groups", {
            token,
            body: { name: "lost" },
          });
          expect(created.status, created.body).to.be.oneOf([200, 201]);
          await run.deletePod();
          run.startPod();
          await run.waitHealthy();
          const again = await run.login(password);
          const found = await httpRequest(run.ip, 8080, "GET", "/api/v1/groups/lost", {
            token: again,
          });
          expect(found.status, "the group is gone with the container's root filesystem").to.equal(
            404,
          );
        } finally {
          await run.dispose();
        }
      },
    );
  });
}
