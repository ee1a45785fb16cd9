/**
 * The kubelet model of the server contract tests (runs in `npm test`, no server needed): a missing Secret key stops
 * the container as the kubelet would, service links appear exactly when the pod allows them, and the rest of what
 * the sandbox relies on.
 */
import { expect } from "chai";
import {
  clusterOf,
  ContainerConfigError,
  containerEnv,
  expand,
  identity,
  mountPlan,
  resolvePort,
  serviceLinkEnv,
} from "./kubelet";
import { argvOf, containerStart } from "./rendered-pod";
import { FEB_SERVER, TODAYS_SERVER } from "./server-builds";
import type { Obj } from "../helpers/objects";
import { encodeData } from "../helpers/base64";

const secret = (name: string, data: Record<string, string>): Obj => ({
  kind: "Secret",
  metadata: { name, namespace: "ns" },
  data: encodeData(data),
});
const service = (name: string, ports: Obj[], clusterIP?: string): Obj => ({
  kind: "Service",
  metadata: { name, namespace: "ns" },
  spec: { ...(clusterIP ? { clusterIP } : {}), ports },
});
const pod = (spec: Obj = {}): Obj => ({ metadata: { name: "dittofs-0", namespace: "ns" }, spec });
const ref = (name: string, key: string, optional?: boolean) => ({
  valueFrom: { secretKeyRef: { name, key, ...(optional ? { optional } : {}) } },
});

describe("server contract: kubelet model", () => {
  const cluster = clusterOf(
    [
      secret("jwt", { "jwt-secret": "s".repeat(32) }),
      { kind: "Secret", metadata: { name: "plain", namespace: "ns" }, stringData: { k: "v" } },
      secret("other-namespace", { k: "v" }),
      service("dittofs-metrics", [{ name: "metrics", port: 9090, protocol: "TCP" }]),
      service("dittofs-headless", [{ name: "nfs", port: 12049 }], "None"),
    ].map((o) =>
      o.metadata.name === "other-namespace"
        ? { ...o, metadata: { ...o.metadata, namespace: "x" } }
        : o,
    ),
    "ns",
  );

  it("resolves secretKeyRef from data (base64) and stringData, only in the pod's namespace", () => {
    const env = containerEnv(
      {
        name: "c",
        env: [
          { name: "A", ...ref("jwt", "jwt-secret") },
          { name: "B", ...ref("plain", "k") },
        ],
      },
      pod({ enableServiceLinks: false }),
      cluster,
      "10.0.0.2",
    );
    expect(env.A).to.equal("s".repeat(32));
    expect(env.B).to.equal("v");
    expect(() =>
      containerEnv(
        { name: "c", env: [{ name: "A", ...ref("other-namespace", "k") }] },
        pod(),
        cluster,
        "ip",
      ),
    ).to.throw(ContainerConfigError, 'secret "other-namespace" not found');
  });

  it("refuses to start on a missing key, and leaves an optional one out", () => {
    expect(() =>
      containerEnv(
        { name: "c", env: [{ name: "A", ...ref("jwt", "nope") }] },
        pod(),
        cluster,
        "ip",
      ),
    ).to.throw(ContainerConfigError, "couldn't find key nope in Secret ns/jwt");
    const env = containerEnv(
      { name: "c", env: [{ name: "A", ...ref("jwt", "nope", true) }] },
      pod(),
      cluster,
      "ip",
    );
    expect(env).to.not.have.property("A");
  });

  it("injects service links unless enableServiceLinks is false; the kubernetes Service always", () => {
    const on = serviceLinkEnv(cluster, true);
    expect(on.DITTOFS_METRICS_PORT).to.match(/^tcp:\/\/10\.96\.[0-9.]+:9090$/);
    expect(on.DITTOFS_METRICS_SERVICE_PORT_METRICS).to.equal("9090");
    expect(on.DITTOFS_METRICS_PORT_9090_TCP_PROTO).to.equal("tcp");
    expect(
      Object.keys(on).some((k) => k.startsWith("DITTOFS_HEADLESS")),
      "headless: no links",
    ).to.equal(false);
    expect(on.KUBERNETES_SERVICE_HOST).to.equal("10.96.0.1");
    const off = serviceLinkEnv(cluster, false);
    expect(Object.keys(off).every((k) => k.startsWith("KUBERNETES_"))).to.equal(true);
    expect(off.KUBERNETES_PORT).to.equal("tcp://10.96.0.1:443");
  });

  it("lets the container's env win over a service link of the same name", () => {
    const env = containerEnv(
      { name: "c", env: [{ name: "DITTOFS_METRICS_PORT", value: "9090" }] },
      pod(),
      cluster,
      "ip",
    );
    expect(env.DITTOFS_METRICS_PORT).to.equal("9090");
  });

  it("expands $(VAR) like the kubelet, $$ escapes, unknown names stay", () => {
    expect(expand("$(A)-$(B)-$$(A)", { A: "x" })).to.equal("x-$(B)-$(A)");
  });

  it("mounts claims, emptyDirs and configMaps (read-only, every key) at their paths", () => {
    const cm = clusterOf(
      [{ kind: "ConfigMap", metadata: { name: "cfg" }, data: { "config.yaml": "a: 1\n" } }],
      "default",
    );
    const plan = mountPlan(
      {
        name: "c",
        volumeMounts: [
          { name: "config", mountPath: "/config" },
          { name: "tmp", mountPath: "/tmp" },
          { name: "controlplane", mountPath: "/data/controlplane" },
        ],
      },
      {
        volumes: [
          { name: "config", configMap: { name: "cfg" } },
          { name: "tmp", emptyDir: {} },
        ],
      },
      [{ metadata: { name: "controlplane" } }],
      cm,
    );
    expect(plan.map((m) => [m.source, m.mountPath, m.readOnly])).to.deep.equal([
      ["configMap", "/config", true],
      ["emptyDir", "/tmp", false],
      ["claim", "/data/controlplane", false],
    ]);
    expect(plan[0].files).to.deep.equal({ "config.yaml": { content: "a: 1\n", mode: 0o644 } });
    expect(() =>
      mountPlan(
        { name: "c", volumeMounts: [{ name: "gone", mountPath: "/x" }] },
        { volumes: [] },
        [],
        cm,
      ),
    ).to.throw(ContainerConfigError);
  });

  describe("secret volumes", () => {
    const secrets = clusterOf(
      [
        secret("tls", { "tls.crt": "CERT", "tls.key": "KEY" }),
        secret("keytab", { "krb5.keytab": "KT", other: "x" }),
      ],
      "ns",
    );
    const plan = (volume: Obj, podSecurityContext?: Obj) =>
      mountPlan(
        { name: "c", volumeMounts: [{ name: volume.name, mountPath: "/m", readOnly: true }] },
        { volumes: [volume], securityContext: podSecurityContext },
        [],
        secrets,
      )[0];

    it("mounts every key of a Secret without items, read-only, 0644", () => {
      const m = plan({ name: "tls-cert", secret: { secretName: "tls" } });
      expect([m.source, m.ref, m.readOnly]).to.deep.equal(["secret", "tls", true]);
      expect(m.files).to.deep.equal({
        "tls.crt": { content: "CERT", mode: 0o644 },
        "tls.key": { content: "KEY", mode: 0o644 },
      });
    });

    it("mounts only the listed items at their paths, with defaultMode or the item's own mode", () => {
      const items = [{ key: "krb5.keytab", path: "dittofs.keytab" }];
      const m = plan({ name: "k", secret: { secretName: "keytab", items, defaultMode: 0o400 } });
      expect(m.files).to.deep.equal({ "dittofs.keytab": { content: "KT", mode: 0o400 } });
      const own = plan({
        name: "k",
        secret: { secretName: "keytab", items: [{ ...items[0], mode: 0o600 }], defaultMode: 0o400 },
      });
      expect(own.files!["dittofs.keytab"].mode).to.equal(0o600);
    });

    it("makes the files group-readable when the pod has an fsGroup (the kubelet's volume ownership)", () => {
      const items = [{ key: "krb5.keytab", path: "dittofs.keytab" }];
      const m = plan(
        { name: "k", secret: { secretName: "keytab", items, defaultMode: 0o400 } },
        { fsGroup: 65532 },
      );
      expect(m.files!["dittofs.keytab"].mode).to.equal(0o440);
    });

    it("refuses a missing Secret or item key unless the volume is optional", () => {
      expect(() => plan({ name: "g", secret: { secretName: "gone" } })).to.throw(
        ContainerConfigError,
        'secret "gone" not found',
      );
      const missing = { secretName: "keytab", items: [{ key: "nope", path: "x" }] };
      expect(() => plan({ name: "k", secret: missing })).to.throw(
        ContainerConfigError,
        "secret keytab has no key nope",
      );
      expect(plan({ name: "k", secret: { ...missing, optional: true } }).files).to.deep.equal({});
      expect(
        plan({ name: "g", secret: { secretName: "gone", optional: true } }).files,
      ).to.deep.equal({});
    });
  });

  it("runs as the pod's user; runAsNonRoot with a root user does not start", () => {
    const ctr = { name: "c", securityContext: { readOnlyRootFilesystem: true } };
    expect(
      identity(
        ctr,
        { securityContext: { runAsUser: 65532, runAsGroup: 65532, fsGroup: 65532 } },
        { uid: 0, gid: 0 },
      ),
    ).to.deep.equal({
      uid: 65532,
      gid: 65532,
      fsGroup: 65532,
      readOnlyRoot: true,
    });
    expect(() =>
      identity(ctr, { securityContext: { runAsNonRoot: true, runAsUser: 0 } }, { uid: 0, gid: 0 }),
    ).to.throw(ContainerConfigError);
  });

  it("execs the image's entrypoint with the container's args; a command replaces it", () => {
    const args = ["start", "--foreground", "--config", "/config/config.yaml"];
    expect(argvOf({ args }, FEB_SERVER, {})).to.deep.equal(["/app/dittofs", ...args]);
    expect(argvOf({ args }, TODAYS_SERVER, {})).to.deep.equal(["/app/dfs", ...args]);
    expect(argvOf({ command: ["/app/dittofs"] }, TODAYS_SERVER, {})).to.deep.equal([
      "/app/dittofs",
    ]);
  });

  it("sets HOME as runc does: the user's home in the image's passwd, unless the env has one", () => {
    const rendered = (env: Obj[], runAsUser?: number) => ({
      name: "h",
      namespace: "default",
      inputs: [],
      objects: [
        {
          kind: "StatefulSet",
          metadata: { name: "h" },
          spec: {
            template: {
              metadata: {},
              spec: {
                enableServiceLinks: false,
                securityContext: runAsUser === undefined ? {} : { runAsUser, runAsGroup: 65532 },
                containers: [{ name: "c", env }],
              },
            },
          },
        },
      ],
    });
    const home = (env: Obj[], uid?: number) =>
      containerStart(rendered(env, uid), TODAYS_SERVER, "/bin/true", "10.0.0.2", new Map()).env
        .HOME;
    expect(home([])).to.equal("/app");
    expect(home([], 1000), "a uid the passwd does not know").to.equal("/");
    expect(home([{ name: "HOME", value: "/data" }])).to.equal("/data");
  });

  it("resolves ports by number or container port name", () => {
    const ctr = { ports: [{ name: "nfs", containerPort: 12049 }] };
    expect(resolvePort("nfs", ctr, "x")).to.equal(12049);
    expect(resolvePort(2049, ctr, "x")).to.equal(2049);
    expect(() => resolvePort("smb", ctr, "Service f port smb")).to.throw(
      'no container port named "smb"',
    );
  });
});
