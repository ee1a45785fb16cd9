/**
 * Checks of features a case turns on, run inside describeCase after login: native TLS and mTLS on the API, the
 * metrics bearer token, settings only the REST API makes (then a pod restart), and the NetworkPolicies against what
 * the server listens on.
 */
import { expect } from "chai";
import * as fs from "fs";
import { parse } from "yaml";
import type { CaseRun } from "./case-run";
import { adminPasswordRef, type ContractCase } from "./cases";
import {
  describeSockets,
  httpRequest,
  isListening,
  listeningSockets,
  type ClientTls,
  type HttpResult,
} from "./probes";
import type { ServerBuild } from "./server-builds";
import { resolvePort } from "./kubelet";
import { check } from "./tally";
import { TestPki } from "./test-pki";
import { config as configOf, type Obj } from "../helpers/objects";

/** One case's run, shared by its checks (filled in by its `before`). */
export interface CaseState {
  readonly c: ContractCase;
  readonly build: ServerBuild;
  run: CaseRun;
  /** The admin's access token from the login check. */
  token: string;
  /** The case's PostgreSQL database (`needsPostgres`). */
  database: string;
}

/** The request's outcome: its status, or the client-side error that ended it (a refused TLS handshake). */
async function attempt(run: CaseRun, tls: ClientTls | undefined): Promise<string> {
  try {
    const res: HttpResult = await httpRequest(run.ip, run.api.port, "GET", "/health", { tls });
    return `HTTP ${res.status}`;
  } catch (err) {
    return `error ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
  }
}

export function tlsChecks(state: CaseState): void {
  check(
    "serves the API over HTTPS only: a client trusting the test CA logs in by the Service's DNS name; without the CA or over plain HTTP it does not",
    async function () {
      const { run } = state;
      const tls = run.api.tls as Exclude<ClientTls, { insecure: true }>;
      expect(tls?.ca, "the case's client trusts the test CA").to.be.a("string");
      // The login check above went through this client; here what must not work.
      const untrusting = { ...tls, ca: undefined } as unknown as ClientTls;
      expect(await attempt(run, untrusting), "without the CA").to.match(
        /^error (SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)$/,
      );
      expect(await attempt(run, undefined), "plain HTTP").to.not.equal("HTTP 200");
    },
  );

  check(
    "probes as the kubelet can run them: HTTPS without verification, or tcpSocket under mTLS",
    function () {
      const ctr = state.run.containerSpec;
      const mtls = state.c.spec.controlPlane?.clientCASecretName !== undefined;
      for (const p of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        if (mtls) expect(ctr[p].tcpSocket, p).to.deep.equal({ port: state.run.api.port });
        else expect(ctr[p].httpGet?.scheme, p).to.equal("HTTPS");
      }
    },
  );

  if (state.c.spec.controlPlane?.clientCASecretName)
    check(
      "mTLS: without a client certificate, or with one from another CA, the handshake is refused",
      async function () {
        const { run } = state;
        const tls = run.api.tls as Exclude<ClientTls, { insecure: true }>;
        const anonymous = { ca: tls.ca, servername: tls.servername };
        expect(await attempt(run, anonymous), "no client certificate").to.match(/^error /);
        const stranger = new TestPki("stranger CA");
        try {
          const foreign = { ...anonymous, ...stranger.client("admin") };
          expect(await attempt(run, foreign), "a client certificate of another CA").to.match(
            /^error /,
          );
        } finally {
          stranger.dispose();
        }
        expect(await attempt(run, tls), "the test CA's client certificate").to.equal("HTTP 200");
      },
    );
}

export function metricsTokenChecks(state: CaseState): void {
  const scrape = (run: CaseRun, port: number, urlPath: string, token?: string) =>
    httpRequest(run.ip, port, "GET", urlPath, { token });

  check(
    "serves GET /metrics only with the bearer token from metrics.bearerTokenSecret (scraped with and without it)",
    async function () {
      const { run, c } = state;
      const ref = c.spec.metrics.bearerTokenSecret;
      const token = run.secretValue(ref.name, ref.key);
      const port = c.containerPorts.metrics;
      const without = await scrape(run, port, "/metrics");
      expect(without.status, "without the token").to.equal(401);
      const wrong = await scrape(run, port, "/metrics", `${token}x`);
      expect(wrong.status, "with another token").to.equal(401);
      const withToken = await scrape(run, port, "/metrics", token);
      expect(withToken.status, "with the token").to.equal(200);
      expect(withToken.body).to.match(/^# (HELP|TYPE) /m);
    },
  );

  if (state.c.spec.metrics.serviceMonitor?.enabled)
    check(
      "a Prometheus following the ServiceMonitor (Service by labels, port by name, path, bearerTokenSecret) scrapes",
      async function () {
        const { run } = state;
        const objects = run.rendered.objects;
        const monitor = objects.find((o) => o.kind === "ServiceMonitor");
        expect(monitor, "a ServiceMonitor").to.not.equal(undefined);
        const selector: Record<string, string> = monitor!.spec.selector.matchLabels;
        const services = objects.filter(
          (o) =>
            o.kind === "Service" &&
            Object.entries(selector).every(([k, v]) => o.metadata.labels?.[k] === v),
        );
        expect(
          services.map((s) => s.metadata.name),
          "Services the monitor selects",
        ).to.have.length(1);
        const [endpoint] = monitor!.spec.endpoints;
        const servicePort = (services[0].spec.ports as Obj[]).find((p) => p.name === endpoint.port);
        expect(servicePort, `Service port named ${endpoint.port}`).to.not.equal(undefined);
        const containerPort = resolvePort(
          servicePort!.targetPort ?? servicePort!.port,
          run.containerSpec,
          "metrics",
        );
        const { name, key } = endpoint.bearerTokenSecret;
        const res = await scrape(
          run,
          containerPort,
          endpoint.path ?? "/metrics",
          run.secretValue(name, key),
        );
        expect(res.status, res.body.slice(0, 200)).to.equal(200);
        expect(res.body).to.match(/^# (HELP|TYPE) /m);
      },
    );
}

/** The v0.29 PostgreSQL wiring: empty placeholders in the config, the fixed-key Secret's values in the env. */
export function postgresEnvCheck(state: CaseState): void {
  check(
    'PostgreSQL: the config holds "" placeholders, the fixed-key Secret\'s env overrides them (an absent optional key is left out)',
    function () {
      const { run, c } = state;
      const configText = configOf(run.rendered, c.name);
      const config = parse(configText);
      expect(config.database).to.deep.equal({
        type: "postgres",
        postgres: { host: "", database: "", user: "", password: "" },
      });
      const environ = Object.fromEntries(
        fs
          .readFileSync(`/proc/${run.pid}/environ`, "utf8")
          .split("\0")
          .filter(Boolean)
          .map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]),
      );
      const secretName = c.spec.database.postgresSecretRef.name;
      for (const key of ["host", "database", "user", "password", "sslmode"])
        expect(
          environ[`DITTOFS_DATABASE_POSTGRES_${key.toUpperCase()}`] ===
            run.secretValue(secretName, key),
          `DITTOFS_DATABASE_POSTGRES_${key.toUpperCase()} from ${secretName}/${key}`,
        ).to.equal(true);
      expect(environ, "port: optional and absent").to.not.have.property(
        "DITTOFS_DATABASE_POSTGRES_PORT",
      );
    },
  );
}

export function restSetupCheck(state: CaseState): void {
  const setup = state.c.restSetup!;
  check(
    `settings only the REST API makes (${setup.requests.map((r) => `${r.method} ${r.path}`).join(", ")}) as admin, then a pod restart`,
    async function () {
      this.timeout(120000);
      const { run, c } = state;
      const pid = run.pid;
      const sockets = listeningSockets(pid);
      const state0 = describeSockets(sockets);
      for (const t of setup.before.listening) {
        const [protocol, port] = t.split("/");
        expect(isListening(sockets, protocol, Number(port)), `${t} before (${state0})`).to.equal(
          true,
        );
      }
      for (const t of setup.before.closed) {
        const [protocol, port] = t.split("/");
        expect(isListening(sockets, protocol, Number(port)), `${t} before (${state0})`).to.equal(
          false,
        );
      }
      for (const r of setup.requests) {
        const res = await run.request(r.method, r.path, { token: state.token, body: r.body });
        expect(res.status, `${r.method} ${r.path}: ${run.redact(res.body)}`).to.equal(200);
      }
      const stopped = await run.deletePod();
      expect(stopped?.killed, `stops on SIGTERM\n${run.logTail()}`).to.equal(false);
      run.startPod();
      await run.waitHealthy();
      const ref = adminPasswordRef(c);
      state.token = await run.login(run.secretValue(ref.secret, ref.key));
    },
  );
}

/** `<protocol>/<port>` of every port the pod's NetworkPolicies open. */
function policyPorts(objects: Obj[]): Set<string> {
  const open = new Set<string>();
  for (const np of objects.filter((o) => o.kind === "NetworkPolicy"))
    for (const rule of np.spec.ingress ?? [])
      for (const p of rule.ports ?? []) open.add(`${p.protocol ?? "TCP"}/${p.port}`);
  return open;
}

export function networkPolicyChecks(state: CaseState): void {
  check(
    "the NetworkPolicies open every port the server listens on, and each port they open is declared",
    function () {
      const { run } = state;
      const open = policyPorts(run.rendered.objects);
      const sockets = listeningSockets(run.pid).filter((s) => !s.loopback);
      const blocked = sockets.map((s) => `${s.protocol}/${s.port}`).filter((t) => !open.has(t));
      expect(
        blocked,
        `listeners no NetworkPolicy opens (open: ${[...open].join(", ")})`,
      ).to.deep.equal([]);
      const declared = new Set<string>([
        ...(run.containerSpec.ports as Obj[]).map(
          (p) => `${p.protocol ?? "TCP"}/${p.containerPort}`,
        ),
        ...run.rendered.objects
          .filter((o) => o.kind === "Service")
          .flatMap((s) =>
            (s.spec.ports as Obj[]).map((p) => `${p.protocol ?? "TCP"}/${p.targetPort ?? p.port}`),
          ),
      ]);
      expect(
        [...open].filter((t) => !declared.has(t)),
        "opened, not declared",
      ).to.deep.equal([]);
    },
  );
}
