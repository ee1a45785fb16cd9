/**
 * The checks every case gets: render with the real CLI, boot the pod, then what the pod says (user, root, argv,
 * config, env), health, login, listeners on the declared container and Service ports, probes, state across a pod
 * recreation, no credential in the log. Checks of one model's features (TLS, metrics token, REST-only settings,
 * NetworkPolicies) are in feature-checks.ts. Every check is its own test.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { CaseRun } from "./case-run";
import { adminPasswordRef, cr, type CaseEnv, type ContractCase } from "./cases";
import {
  metricsTokenChecks,
  networkPolicyChecks,
  postgresEnvCheck,
  restSetupCheck,
  tlsChecks,
  type CaseState,
} from "./feature-checks";
import {
  describeSockets,
  httpRequest,
  isListening,
  listeningSockets,
  runProbe,
  serviceTargets,
  tcpOpen,
} from "./probes";
import { cluster, renderWithCli } from "./rendered-pod";
import { workDir } from "./sandbox";
import { binaryPath, type ServerBuild } from "./server-builds";
import { shared } from "./shared";
import { check, skipWithReason, tally } from "./tally";
import { config as configOf, type Obj } from "../helpers/objects";

export const adminPassword = (run: CaseRun, c: ContractCase): string => {
  const ref = adminPasswordRef(c);
  return run.secretValue(ref.secret, ref.key);
};

function procStatus(pid: number): Record<string, string> {
  return Object.fromEntries(
    fs
      .readFileSync(`/proc/${pid}/status`, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 1).trim()]),
  );
}

/** `<protocol>/<port>` of a container or Service port. */
const target = (protocol: string | undefined, port: number) => `${protocol ?? "TCP"}/${port}`;

/** Whether a port must listen (false: a REST-only port, which must be closed), and how to say so. */
export function expectListener(
  c: ContractCase,
  pid: number,
  protocol: string | undefined,
  port: number,
  what: string,
): void {
  const sockets = listeningSockets(pid);
  const rest = (c.restOnly ?? []).includes(target(protocol, port));
  expect(
    isListening(sockets, protocol ?? "TCP", port),
    `${what}: ${rest ? "closed until switched on through the REST API" : "a listener"} (listening: ${describeSockets(sockets)})`,
  ).to.equal(!rest);
}

export function describeCase(build: ServerBuild, c: ContractCase) {
  describe(c.title, function () {
    const state = { c, build } as CaseState;

    before(async function () {
      const what = `${c.name} on ${build.label}`;
      if (c.needsPostgres && !shared.postgres)
        skipWithReason(this, what, shared.postgresReason || "PostgreSQL did not start");
      if (c.needsPki && !shared.pki) skipWithReason(this, what, shared.pkiReason);
      const dir = workDir(`case-${c.name}-`);
      state.database = `db_${c.name}_${build.commit.slice(0, 8)}`;
      const env: CaseEnv = {
        postgres: c.needsPostgres ? shared.postgres!.database(state.database) : undefined,
        pki: shared.pki,
      };
      const rendered = renderWithCli(cr(c.name, c.spec, c.release), c.inputs?.(env) ?? []);
      const api = c.api?.(env) ?? { port: c.containerPorts.api };
      state.run = new CaseRun(build, binaryPath(build), rendered, dir, undefined, api);
      state.run.startPod();
      await state.run.waitHealthy();
      tally.cases++;
    });
    after(async () => state.run?.dispose());

    const ro = c.release === "2026-02" ? "read-only root" : "root writable as the container asks";
    check(
      `starts as the pod says: user 65532, no privileges, ${ro}, config and env as rendered`,
      function () {
        const { run } = state;
        const pid = run.pid;
        const status = procStatus(pid);
        expect(status.Uid.split(/\s+/), "uid").to.deep.equal(["65532", "65532", "65532", "65532"]);
        expect(status.Gid.split(/\s+/), "gid").to.deep.equal(["65532", "65532", "65532", "65532"]);
        expect(status.NoNewPrivs, "no_new_privs").to.equal("1");
        expect(status.CapEff, "effective capabilities").to.match(/^0+$/);
        const rootMount = fs
          .readFileSync(`/proc/${pid}/mountinfo`, "utf8")
          .split("\n")
          .find((l) => l.split(" ")[4] === "/");
        const readOnly = run.containerSpec.securityContext?.readOnlyRootFilesystem === true;
        expect(readOnly, "the model's readOnlyRootFilesystem").to.equal(c.release === "2026-02");
        expect(rootMount?.split(" ")[5].split(","), "root filesystem").to.include(
          readOnly ? "ro" : "rw",
        );
        const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
        expect(argv).to.deep.equal([
          build.image.entrypoint[0],
          "start",
          "--foreground",
          "--config",
          "/config/config.yaml",
        ]);
        const configText = configOf(run.rendered, c.name);
        expect(fs.readFileSync(`/proc/${pid}/root/config/config.yaml`, "utf8")).to.equal(
          configText,
        );
        // Exactly the rendered env (an optional key that is absent is left out), the image's PATH, HOSTNAME, HOME
        // (runc's, from the image's passwd), and the `kubernetes` Service's variables: no service links for the
        // server's own Services.
        const environ = fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").filter(Boolean);
        const names = environ.map((e) => e.slice(0, e.indexOf("="))).sort();
        const secrets = cluster(run.rendered).secrets;
        const rendered = (run.containerSpec.env as Obj[])
          .filter(
            (e) =>
              !e.valueFrom?.secretKeyRef?.optional ||
              e.valueFrom.secretKeyRef.key in (secrets.get(e.valueFrom.secretKeyRef.name) ?? {}),
          )
          .map((e) => e.name);
        const master = [
          "SERVICE_HOST",
          "SERVICE_PORT",
          "SERVICE_PORT_HTTPS",
          "PORT",
          "PORT_443_TCP",
          "PORT_443_TCP_PROTO",
          "PORT_443_TCP_PORT",
          "PORT_443_TCP_ADDR",
        ];
        expect(names).to.deep.equal(
          [...rendered, "PATH", "HOSTNAME", "HOME", ...master.map((m) => `KUBERNETES_${m}`)].sort(),
        );
        expect(names).to.include.members([
          "DITTOFS_CONTROLPLANE_SECRET",
          "DITTOFS_ADMIN_INITIAL_PASSWORD",
        ]);
      },
    );

    check(
      "answers GET /health and /health/ready on the api port at the pod address",
      async function () {
        for (const p of ["/health", "/health/ready"]) {
          const res = await state.run.request("GET", p);
          expect(res.status, `${p}: ${res.body}`).to.equal(200);
        }
      },
    );

    check(
      "logs in as admin with the configured password; the token authenticates",
      async function () {
        const { run } = state;
        state.token = await run.login(adminPassword(run, c));
        const me = await run.request("GET", "/api/v1/auth/me", { token: state.token });
        expect(me.status, me.body).to.equal(200);
        const body = JSON.parse(me.body);
        expect(body.username).to.equal("admin");
        expect(body.must_change_password, "a configured password needs no change").to.equal(false);
        const anonymous = await run.request("GET", "/api/v1/auth/me");
        expect(anonymous.status, "without the token").to.equal(401);
      },
    );

    if (c.api) tlsChecks(state);
    if (c.spec.metrics?.bearerTokenSecret) metricsTokenChecks(state);
    if (c.release === "v0.29" && c.needsPostgres) postgresEnvCheck(state);
    if (c.restSetup) restSetupCheck(state);

    const ports = Object.entries(c.containerPorts).map(([n, p]) => `${n} ${p}`);
    check(
      `listens on its container ports (${ports.join(", ")})${c.restOnly ? ", the REST-only ones closed" : ""}`,
      async function () {
        const { run } = state;
        const declared = Object.fromEntries(
          run.containerSpec.ports.map((p: Obj) => [p.name, p.containerPort]),
        );
        expect(declared, "container ports as rendered").to.deep.equal(c.containerPorts);
        const pid = run.pid;
        for (const p of run.containerSpec.ports as Obj[]) {
          const what = `container port ${p.name} (${target(p.protocol, p.containerPort)})`;
          expectListener(c, pid, p.protocol, p.containerPort, what);
          if (
            (p.protocol ?? "TCP") === "TCP" &&
            !(c.restOnly ?? []).includes(target("TCP", p.containerPort))
          )
            expect(
              await tcpOpen(run.ip, p.containerPort),
              `${what} accepts TCP at ${run.ip}`,
            ).to.equal(true);
        }
      },
    );

    if (c.containerPorts.metrics && !c.spec.metrics?.bearerTokenSecret)
      check("serves GET /metrics on the metrics port", async function () {
        const res = await httpRequest(state.run.ip, c.containerPorts.metrics, "GET", "/metrics");
        expect(res.status).to.equal(200);
        expect(res.body).to.match(/^# (HELP|TYPE) /m);
      });

    check("passes every probe the container declares", async function () {
      const { run } = state;
      const probes = ["startupProbe", "livenessProbe", "readinessProbe"].filter(
        (p) => run.containerSpec[p],
      );
      expect(probes, "the rendered container declares probes").to.have.length(3);
      for (const p of probes) await runProbe(run.containerSpec[p], run.containerSpec, run.ip, p);
    });

    check("every Service port resolves to a listener", async function () {
      const { run } = state;
      const services = run.rendered.objects.filter((o) => o.kind === "Service");
      const declared = Object.fromEntries(
        services.map((s) => [
          s.metadata.name,
          Object.fromEntries(s.spec.ports.map((p: Obj) => [p.name, p.port])),
        ]),
      );
      expect(declared).to.deep.equal(c.servicePorts);
      const pid = run.pid;
      for (const t of serviceTargets(services, run.containerSpec)) {
        const what = `${t.service}:${t.name} ${t.port}/${t.protocol} → ${t.targetPort} (${t.containerPort})`;
        expectListener(c, pid, t.protocol, t.containerPort, what);
        if (t.protocol === "TCP" && !(c.restOnly ?? []).includes(target("TCP", t.containerPort)))
          expect(await tcpOpen(run.ip, t.containerPort), what).to.equal(true);
      }
    });

    if (c.release === "v0.29") networkPolicyChecks(state);

    check(
      "keeps its state across a pod recreation (claims kept, everything else discarded)",
      async function () {
        this.timeout(120000);
        const { run, token } = state;
        const group = `contract-${c.name}`;
        const created = await run.request("POST", "/api/v1/groups", {
          token,
          body: { name: group, description: "made before the restart" },
        });
        expect(created.status, created.body).to.be.oneOf([200, 201]);
        const stopped = await run.deletePod();
        // The server at 915deff5 shuts down cleanly on SIGTERM and then exits 1 ("context canceled"); what the
        // kubelet cares about is that it stops within the grace period without SIGKILL.
        expect(stopped?.killed, `stops on SIGTERM\n${run.logTail()}`).to.equal(false);
        expect(run.previousLog).to.match(/runtime stopped/);
        // Where the state lives: PostgreSQL's tables, or the SQLite file on the controlplane claim (not both).
        const sqlite = fs.existsSync(
          path.join(run.claimDirs.get("controlplane")!, "controlplane.db"),
        );
        expect(sqlite, "SQLite on the controlplane claim").to.equal(!c.needsPostgres);
        if (c.needsPostgres)
          expect(shared.postgres!.tables(state.database), "tables in PostgreSQL").to.include(
            "groups",
          );
        run.startPod();
        await run.waitHealthy();
        const again = await run.login(adminPassword(run, c));
        const found = await run.request("GET", `/api/v1/groups/${group}`, { token: again });
        expect(found.status, found.body).to.equal(200);
        expect(JSON.parse(found.body).name).to.equal(group);
      },
    );

    // The server prints the admin's password when it creates the user (README "Differences"): on the first start
    // only. Nothing else the deployment holds may reach the log, on either start.
    check("logs no credential but the admin password, once, at the first start", function () {
      const { run } = state;
      const password = adminPassword(run, c);
      const first = run.firstLog.split("\n");
      const later = run.laterLogs().split("\n");
      const leaks = [...first, ...later].filter((line) =>
        run.credentials().some((v) => v !== password && line.includes(v)),
      );
      expect(
        leaks,
        `credentials in the container log:\n${run.redact(leaks.slice(0, 3).join("\n"))}`,
      ).to.deep.equal([]);
      const printed = first.filter((line) => line.includes(password));
      expect(printed.length, "lines with the admin password at the first start").to.be.at.most(2);
      for (const line of printed) expect(line).to.match(/Admin user created/);
      expect(
        later.some((line) => line.includes(password)),
        "the admin password after a restart",
      ).to.equal(false);
    });

    check("stays up", async function () {
      await new Promise((r) => setTimeout(r, 2000));
      expect(state.run.container?.running, state.run.logTail()).to.equal(true);
    });
  });
}
