/**
 * From a DittoServer CR to a container the sandbox can start: `dittofs render` (the real CLI, as a user runs it),
 * then the kubelet model over the rendered objects and the input Secrets.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments, stringify } from "yaml";
import { REPO } from "../e2e/toolchain";
import { clusterOf, containerEnv, expand, identity, mountPlan, type Cluster } from "./kubelet";
import type { ContainerStart } from "./pod-sandbox";
import type { ServerBuild } from "./server-builds";
import type { Obj } from "../helpers/objects";

export interface Rendered {
  name: string;
  namespace: string;
  /** What `dittofs render` printed. */
  objects: Obj[];
  /** The Secrets the user's cluster holds (render inputs). */
  inputs: Obj[];
}

/** Runs `dittofs render -f` on the CR and input Secrets (written to a private temp file, removed after). */
export function renderWithCli(cr: Obj, inputs: Obj[]): Rendered {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-render-"));
  const file = path.join(dir, "input.yaml");
  let out: string;
  try {
    fs.writeFileSync(file, [cr, ...inputs].map((d) => stringify(d)).join("---\n"), { mode: 0o600 });
    const cli = path.join(REPO, "bin", "dittofs.js");
    out = execFileSync(process.execPath, [cli, "render", "-f", file], {
      encoding: "utf8",
      stdio: "pipe",
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const objects = parseAllDocuments(out)
    .map((d) => d.toJS() as Obj)
    .filter(Boolean);
  return { name: cr.metadata.name, namespace: cr.metadata.namespace ?? "default", objects, inputs };
}

export function statefulSet(r: Rendered): Obj {
  const sts = r.objects.find((o) => o.kind === "StatefulSet");
  if (!sts) throw new Error(`no StatefulSet in the objects of ${r.name}`);
  return sts;
}

/** The pod's only container (init containers and sidecars are not modelled). */
export function serverContainer(r: Rendered): Obj {
  const spec = statefulSet(r).spec.template.spec;
  if (spec.initContainers?.length || spec.containers.length !== 1)
    throw new Error(`${r.name}: only single-container pods without init containers are modelled`);
  return spec.containers[0];
}

export function cluster(r: Rendered): Cluster {
  return clusterOf([...r.inputs, ...r.objects], r.namespace);
}

/** Pod `<sts>-0` as the StatefulSet controller would create it. */
export function podOf(r: Rendered): Obj {
  const sts = statefulSet(r);
  return {
    metadata: {
      ...sts.spec.template.metadata,
      name: `${sts.metadata.name}-0`,
      namespace: r.namespace,
    },
    spec: sts.spec.template.spec,
  };
}

/** The argv the runtime execs: `command` replaces the entrypoint, `args` the image's CMD; `$(VAR)` expanded. */
export function argvOf(container: Obj, build: ServerBuild, env: Record<string, string>): string[] {
  const command: string[] = container.command ?? build.image.entrypoint;
  const args: string[] = container.args ?? (container.command ? [] : build.image.cmd);
  return [...command, ...args].map((a) => expand(a, env));
}

/** Everything the sandbox needs to start the container on a pod address `podIp`. */
export function containerStart(
  r: Rendered,
  build: ServerBuild,
  binary: string,
  podIp: string,
  claimDirs: Map<string, string>,
): ContainerStart {
  const pod = podOf(r);
  const container = serverContainer(r);
  const c = cluster(r);
  const env = containerEnv(container, pod, c, podIp, {
    ...build.image.env,
    HOSTNAME: pod.metadata.name,
  });
  const who = identity(container, pod.spec, build.image.user);
  // runc sets HOME from the image's /etc/passwd when the env has none (the user's home, else "/").
  if (!("HOME" in env))
    env.HOME =
      who.uid === build.image.user.uid ? build.image.user.home : who.uid === 0 ? "/root" : "/";
  return {
    podName: pod.metadata.name,
    binary,
    image: build.image,
    argv: argvOf(container, build, env),
    env,
    mounts: mountPlan(container, pod.spec, statefulSet(r).spec.volumeClaimTemplates ?? [], c),
    claimDirs,
    ...who,
  };
}
