/**
 * Acceptance facts 31-46 of operator-behavior.md §8: the other controller scenarios, all in namespace `default`.
 *
 * Replicas > 1 (facts 31, 34) are rejected by the CRD rule `replicas <= 1`; the part that carries over is tested with
 * replicas 1. Phase and conditions (facts 32, 34, 41, 44) have no Pulumi equivalent (decisions.md): the tests assert
 * the mapped behaviour (replicas on the StatefulSet, typed outputs, Pulumi's await on the StatefulSet) instead.
 */
import { expect } from "chai";
import { valueOf } from "../helpers/mocks";
import { render } from "../helpers/render";
import { DEFAULT_CONFIG, deployScenario, renderScenario, SCENARIOS } from "./support";
import { container, find, config, objectIds, statefulSet, type Obj } from "../helpers/objects";
import { problemsOf } from "../helpers/errors";

const portsOf = (svc: Obj) => svc.spec.ports as Obj[];
const containerPorts = (name: string) => container(renderScenario(name), name).ports as Obj[];

describe("acceptance facts 31-46: the other controller scenarios", () => {
  it("fact 31: replicas 3 is rejected (spec.replicas: 3 must be <= 1); without contentSize the templates are metadata, cache, controlplane", () => {
    expect(
      problemsOf(() =>
        render("multi-replica", {
          replicas: 3,
          storage: { metadataSize: "5Gi", cacheSize: "5Gi" },
        }),
      ),
    ).to.deep.equal(["spec.replicas: 3 must be <= 1"]);
    const r = renderScenario("multi-replica");
    const sts = statefulSet(r, "multi-replica");
    expect(
      sts.spec.volumeClaimTemplates.map((t: Obj) => [
        t.metadata.name,
        t.spec.resources.requests.storage,
      ]),
    ).to.deep.equal([
      ["metadata", "5Gi"],
      ["cache", "5Gi"],
      ["controlplane", "1Gi"],
    ]);
    const mounts = container(r, "multi-replica").volumeMounts.map((m: Obj) => m.mountPath);
    expect(mounts).to.deep.equal([
      "/data/metadata",
      "/data/cache",
      "/config",
      "/data/controlplane",
      "/tmp",
    ]);
  });

  it("fact 32: replicas 0 gives StatefulSet replicas 0 (phase Stopped maps to outputs that stay set)", async () => {
    expect(statefulSet(renderScenario("stopped-server"), "stopped-server").spec.replicas).to.equal(
      0,
    );
    const d = await deployScenario("stopped-server");
    expect(d.one("kubernetes:apps/v1:StatefulSet", "statefulset").inputs.spec.replicas).to.equal(0);
    expect(await valueOf(d.server.nfsEndpoint)).to.equal(
      "stopped-server-file.default.svc.cluster.local:12049",
    );
    expect(await valueOf(d.server.statefulSetName)).to.equal("stopped-server");
  });

  it("fact 33: with replicas 0 the ConfigMap and the headless, file and API Services still exist", () => {
    expect(objectIds(renderScenario("stopped-server"))).to.include.members([
      "ConfigMap/stopped-server-config",
      "Service/stopped-server-headless",
      "Service/stopped-server-file",
      "Service/stopped-server-api",
      "StatefulSet/stopped-server",
    ]);
  });

  it("fact 34: replicas 2 is rejected; with replicas 1 Pulumi awaits the StatefulSet's readiness (no skipAwait) on /health/ready", async () => {
    expect(
      problemsOf(() => render("ready-server", { replicas: 2, storage: { metadataSize: "10Gi" } })),
    ).to.deep.equal(["spec.replicas: 2 must be <= 1"]);
    const r = renderScenario("ready-server");
    expect(statefulSet(r, "ready-server").spec.replicas).to.equal(1);
    expect(container(r, "ready-server").readinessProbe.httpGet).to.deep.equal({
      path: "/health/ready",
      port: 8080,
    });
    const d = await deployScenario("ready-server");
    const sts = d.one("kubernetes:apps/v1:StatefulSet", "statefulset").inputs;
    expect(sts.spec.replicas).to.equal(1);
    expect(sts.metadata.annotations ?? {}).to.not.have.property("pulumi.com/skipAwait");
  });

  it("fact 35: smb {enabled: true}: file Service ports nfs 12049 -> nfs then smb 12445 -> smb; container ports nfs, api, smb 1445", () => {
    const r = renderScenario("smb-enabled-server");
    expect(portsOf(find(r, "Service", "smb-enabled-server-file"))).to.deep.equal([
      { name: "nfs", port: 12049, targetPort: "nfs", protocol: "TCP" },
      { name: "smb", port: 12445, targetPort: "smb", protocol: "TCP" },
    ]);
    expect(containerPorts("smb-enabled-server")).to.deep.equal([
      { name: "nfs", containerPort: 12049, protocol: "TCP" },
      { name: "api", containerPort: 8080, protocol: "TCP" },
      { name: "smb", containerPort: 1445, protocol: "TCP" },
    ]);
  });

  it("fact 36: with SMB enabled the headless Service still has only the nfs port", () => {
    expect(
      portsOf(find(renderScenario("smb-enabled-server"), "Service", "smb-enabled-server-headless")),
    ).to.deep.equal([{ name: "nfs", port: 12049, targetPort: "nfs", protocol: "TCP" }]);
  });

  it("fact 37: smb port 8445 is the file Service's smb port (-> smb); the container smb port stays 1445", () => {
    const r = renderScenario("smb-custom-port");
    expect(portsOf(find(r, "Service", "smb-custom-port-file"))[1]).to.deep.equal({
      name: "smb",
      port: 8445,
      targetPort: "smb",
      protocol: "TCP",
    });
    expect(containerPorts("smb-custom-port").find((p) => p.name === "smb")).to.deep.equal({
      name: "smb",
      containerPort: 1445,
      protocol: "TCP",
    });
  });

  it("fact 38: smb {enabled: false}: no smb port on the file Service nor on the container", () => {
    const r = renderScenario("smb-disabled-server");
    expect(
      portsOf(find(r, "Service", "smb-disabled-server-file")).map((p) => p.name),
    ).to.deep.equal(["nfs"]);
    expect(containerPorts("smb-disabled-server").map((p) => p.name)).to.deep.equal(["nfs", "api"]);
  });

  it("fact 39: SMB comprehensive (port 9445, timeouts, credits) renders, the file Service has smb 9445", () => {
    const r = renderScenario("smb-comprehensive");
    expect(r.warnings).to.deep.equal([]);
    expect(portsOf(find(r, "Service", "smb-comprehensive-file"))).to.deep.equal([
      { name: "nfs", port: 12049, targetPort: "nfs", protocol: "TCP" },
      { name: "smb", port: 9445, targetPort: "smb", protocol: "TCP" },
    ]);
  });

  it("fact 40: the SMB tuning reaches no object: config.yaml is byte-identical to the no-SMB default", () => {
    const r = renderScenario("smb-comprehensive");
    expect(config(r, "smb-comprehensive")).to.equal(DEFAULT_CONFIG);
    const text = JSON.stringify(r.objects);
    for (const tuning of ['"60s"', '"300s"', ":8192", ":65535", "maxConnections", "credits"]) {
      expect(text, tuning).to.not.contain(tuning);
    }
  });

  it("fact 41: database sqlite + cache {/data/cache, 1GB} creates every object with the default config", () => {
    const r = renderScenario("db-cache-server");
    expect(config(r, "db-cache-server")).to.equal(DEFAULT_CONFIG);
    expect(objectIds(r)).to.deep.equal([
      "Secret/db-cache-server-jwt-secret",
      "Secret/db-cache-server-admin-bootstrap-credentials",
      "ConfigMap/db-cache-server-config",
      "Service/db-cache-server-headless",
      "Service/db-cache-server-file",
      "Service/db-cache-server-api",
      "StatefulSet/db-cache-server",
    ]);
  });

  it("fact 42: metrics enabled: Service metrics-server-metrics is ClusterIP, port metrics 9090 -> 9090 TCP, no annotations", () => {
    const svc = find(renderScenario("metrics-server"), "Service", "metrics-server-metrics");
    expect(svc.spec.type).to.equal("ClusterIP");
    expect(svc.spec).to.not.have.property("clusterIP");
    expect(svc.spec.ports).to.deep.equal([
      { name: "metrics", port: 9090, targetPort: 9090, protocol: "TCP" },
    ]);
    expect(svc.spec.selector).to.deep.equal({ app: "dittofs-server", instance: "metrics-server" });
    expect(svc.metadata).to.not.have.property("annotations");
  });

  it("fact 43: metrics enabled: container ports nfs 12049, api 8080, metrics 9090; config metrics {enabled: true, host, port 9090}", () => {
    expect(containerPorts("metrics-server")).to.deep.equal([
      { name: "nfs", containerPort: 12049, protocol: "TCP" },
      { name: "api", containerPort: 8080, protocol: "TCP" },
      { name: "metrics", containerPort: 9090, protocol: "TCP" },
    ]);
    const expected = DEFAULT_CONFIG.replace(
      "metrics:\n    enabled: false\n    port: 9090\n",
      "metrics:\n    enabled: true\n    host: 0.0.0.0\n    port: 9090\n",
    );
    expect(expected).to.not.equal(DEFAULT_CONFIG);
    expect(config(renderScenario("metrics-server"), "metrics-server")).to.equal(expected);
  });

  it("fact 44: every scenario: object names <name>-config/-headless/-file/-api and <name>; outputs name them and the NFS endpoint", async () => {
    for (const name of Object.keys(SCENARIOS)) {
      const r = renderScenario(name);
      expect(objectIds(r), name).to.include.members([
        `ConfigMap/${name}-config`,
        `Service/${name}-headless`,
        `Service/${name}-file`,
        `Service/${name}-api`,
        `StatefulSet/${name}`,
      ]);
      const s = (await deployScenario(name)).server;
      expect(await valueOf(s.nfsEndpoint), name).to.equal(
        `${name}-file.default.svc.cluster.local:12049`,
      );
      expect(await valueOf(s.statefulSetName), name).to.equal(name);
      expect(await valueOf(s.configMapName), name).to.equal(`${name}-config`);
      expect(await valueOf(s.headlessServiceName), name).to.equal(`${name}-headless`);
      expect(await valueOf(s.fileServiceName), name).to.equal(`${name}-file`);
      expect(await valueOf(s.apiServiceName), name).to.equal(`${name}-api`);
      expect(await valueOf(s.metricsServiceName), name).to.equal(
        name === "metrics-server" ? `${name}-metrics` : "",
      );
    }
  });

  it("fact 45: every scenario: serviceName <name>-headless, PVCs Retain/Retain, config-hash = configHash output, hardened fsGroup 65532", async () => {
    for (const name of Object.keys(SCENARIOS)) {
      const r = renderScenario(name);
      const sts = statefulSet(r, name);
      expect(sts.spec.serviceName, name).to.equal(`${name}-headless`);
      expect(sts.spec.selector).to.deep.equal({
        matchLabels: { app: "dittofs-server", instance: name },
      });
      expect(sts.spec.persistentVolumeClaimRetentionPolicy, name).to.deep.equal({
        whenDeleted: "Retain",
        whenScaled: "Retain",
      });
      const annotations = sts.spec.template.metadata.annotations;
      expect(Object.keys(annotations), name).to.deep.equal(["dittofs.io/config-hash"]);
      expect(annotations["dittofs.io/config-hash"], name)
        .to.match(/^[0-9a-f]{64}$/)
        .and.equal(r.configHash);
      const pod = sts.spec.template.spec;
      expect(pod.securityContext, name).to.deep.equal({
        fsGroup: 65532,
        runAsUser: 65532,
        runAsGroup: 65532,
        runAsNonRoot: true,
        seccompProfile: { type: "RuntimeDefault" },
      });
      expect(pod.enableServiceLinks, name).to.equal(false);
      expect(container(r, name).securityContext, name).to.deep.include({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      });
      const d = await deployScenario(name);
      const deployed = d.one("kubernetes:apps/v1:StatefulSet", "statefulset").inputs;
      expect(deployed.spec.template.metadata.annotations["dittofs.io/config-hash"], name).to.equal(
        await valueOf(d.server.configHash),
      );
    }
  });

  it("fact 46: every scenario: probes /health, /health/ready, /health on 8080; args start --foreground --config /config/config.yaml; no command", () => {
    for (const name of Object.keys(SCENARIOS)) {
      const c = container(renderScenario(name), name);
      expect(c.livenessProbe, name).to.deep.equal({
        httpGet: { path: "/health", port: 8080 },
        initialDelaySeconds: 15,
        periodSeconds: 10,
        timeoutSeconds: 5,
        successThreshold: 1,
        failureThreshold: 3,
      });
      expect(c.readinessProbe, name).to.deep.equal({
        httpGet: { path: "/health/ready", port: 8080 },
        initialDelaySeconds: 10,
        periodSeconds: 5,
        timeoutSeconds: 5,
        successThreshold: 1,
        failureThreshold: 3,
      });
      // initialDelaySeconds 0 is omitted, as the operator's Go structs (omitempty) and the API default have it.
      expect(c.startupProbe, name).to.deep.equal({
        httpGet: { path: "/health", port: 8080 },
        periodSeconds: 5,
        timeoutSeconds: 5,
        successThreshold: 1,
        failureThreshold: 30,
      });
      expect(c.args, name).to.deep.equal([
        "start",
        "--foreground",
        "--config",
        "/config/config.yaml",
      ]);
      expect(c, name).to.not.have.property("command");
    }
  });
});
