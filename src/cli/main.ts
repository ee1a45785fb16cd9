/**
 * `dittofs render -f FILE [-f FILE ...] [--operator-release R] [--namespace NS] [--hash-key KEY]`: prints every object the component would
 * create for the DittoServer CRs in the files, as multi-document YAML, without a cluster or the Pulumi runtime.
 * Errors go to stderr with exit 1 and nothing on stdout.
 */
import { manifestYaml } from "../yaml/manifest-yaml";
import { DEFAULT_NAMESPACE, RENDER_DEFAULT_HASH_KEY } from "../defaults";
import { renderServer } from "../render";
import { COMPONENT_FIELDS } from "../resolve/component-fields";
import { PLATFORM_FIELDS } from "../resolve/platform-schema";
import { DittoSecretError, DittoSpecError, quote } from "../resolve/errors";
import { rejectDuplicateObjects, rejectDuplicates } from "./duplicates";
import { INPUT_LIMIT_TEXT, readFiles, STDIN } from "./read-files";
import { DEFAULT_RELEASE, MODELS } from "../models";
import {
  InputError,
  OPERATOR_RELEASE_ANNOTATION,
  OPTIONS_API_VERSION,
  OPTIONS_KIND,
  readInputs,
} from "./read-inputs";

const USAGE = `usage: dittofs render -f FILE [-f FILE ...] [--operator-release R] [--namespace NS] [--hash-key KEY]

Renders the Kubernetes objects of every DittoServer (dittofs.dittofs.com/v1alpha1) in the files. -f - reads standard
input (once). --operator-release picks the object model: ${Object.keys(MODELS).join(" or ")} (default ${DEFAULT_RELEASE});
the annotation ${OPERATOR_RELEASE_ANNOTATION} on a DittoServer picks it for that one.
The component-only args where the pod runs (pod, imagePullPolicy, podDisruptionBudget) come from a document of
render's own, so that the CR stays the operator's: ${OPTIONS_API_VERSION} ${OPTIONS_KIND} with the DittoServer's name and
namespace and those args as its spec. The inputs may hold ${INPUT_LIMIT_TEXT} together.
Secrets in the files stand in for the cluster's Secrets: render reads Secrets only from its -f files, in the
DittoServer's namespace. Other Kubernetes objects are ignored, so an earlier render's whole output can be given back.
A plain value that YAML 1.1 (kubectl) reads otherwise than YAML 1.2 (on, yes, 0777, 1:30, 2026-01-01) must be quoted.
--namespace applies to objects without metadata.namespace (default "default").
The config-hash HMAC key is --hash-key, else $DITTOFS_HASH_KEY, else "${RENDER_DEFAULT_HASH_KEY}".
Generated secrets (JWT, admin password) are reused from the files when an earlier render's Secrets are given with -f;
otherwise they are generated, and stderr says which.`;

interface Options {
  files: string[];
  operatorRelease?: string;
  namespace?: string;
  hashKey: string;
}

class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** An input error with a line of advice after it. */
class HintedError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = "HintedError";
  }
}

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const [command, ...rest] = argv;
  if (command !== "render")
    throw new UsageError(command ? `unknown command ${quote(command)}` : "no command");
  const options: Options = { files: [], hashKey: env.DITTOFS_HASH_KEY || RENDER_DEFAULT_HASH_KEY };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === "-f" || flag === "--filename") options.files.push(value());
    else if (flag === "-n" || flag === "--namespace") options.namespace = value();
    else if (flag === "--operator-release") options.operatorRelease = value();
    else if (flag === "--hash-key") options.hashKey = value();
    else throw new UsageError(`unknown option ${quote(flag)}`);
  }
  if (options.files.length === 0) throw new UsageError("no -f FILE given");
  if (options.files.filter((f) => f === STDIN).length > 1)
    throw new UsageError("-f - (standard input) may be given once");
  return options;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliIo {
  /** Standard input, at most `budget + 1` bytes (tests replace it). */
  readStdin?: (budget: number) => Buffer;
}

const isNotFound = (e: unknown) =>
  e instanceof DittoSecretError && e.problems.some((p) => / not found$/.test(p));

export function run(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CliIo = {},
): CliResult {
  if (argv.includes("-h") || argv.includes("--help"))
    return { code: 0, stdout: `${USAGE}\n`, stderr: "" };
  const stderr: string[] = [];
  try {
    const options = parseOptions(argv, env);
    const inputs = readInputs(readFiles(options.files, io.readStdin));
    if (inputs.servers.length === 0)
      throw new InputError("no DittoServer (dittofs.dittofs.com/v1alpha1) in the files");
    const fallbackNamespace = options.namespace ?? DEFAULT_NAMESPACE;
    const located = <T extends { name: string; namespace?: string; source: string }>(items: T[]) =>
      items.map((i) => ({
        name: i.name,
        namespace: i.namespace ?? fallbackNamespace,
        from: i.source,
      }));
    rejectDuplicates("DittoServer", located(inputs.servers));
    rejectDuplicates("Secret", located(inputs.secrets));
    rejectDuplicates(OPTIONS_KIND, located(inputs.options));
    const id = (i: { name: string; namespace?: string }) =>
      `${i.namespace ?? fallbackNamespace}/${i.name}`;
    for (const o of inputs.options) {
      if (!inputs.servers.some((s) => id(s) === id(o)))
        throw new InputError(
          `${o.source}: ${OPTIONS_KIND} ${quote(id(o))} names no DittoServer in the files (it must have the DittoServer's name and namespace)`,
        );
    }
    const rendered: Array<{ object: Record<string, any>; from: string }> = [];
    for (const server of inputs.servers) {
      const namespace = server.namespace ?? fallbackNamespace;
      const read: Record<string, Record<string, string>> = {};
      for (const secret of inputs.secrets) {
        if ((secret.namespace ?? fallbackNamespace) === namespace) read[secret.name] = secret.data;
      }
      // The CRD has no component-only fields; in a CR they are unknown fields like any other.
      const foreign = COMPONENT_FIELDS.filter((f) => f in server.spec);
      if (foreign.length > 0) {
        throw new DittoSpecError(
          `DittoServer ${quote(server.name)}`,
          foreign.map((f) =>
            (PLATFORM_FIELDS as readonly string[]).includes(f)
              ? `spec.${f}: unknown field (not in the operator's CRD: give it in a ${OPTIONS_API_VERSION} ${OPTIONS_KIND} document)`
              : `spec.${f}: unknown field`,
          ),
        );
      }
      let result;
      try {
        const operatorRelease = server.operatorRelease ?? options.operatorRelease;
        const platform = inputs.options.find((o) => id(o) === id(server))?.spec ?? {};
        const args = {
          ...server.spec,
          namespace,
          ...(operatorRelease ? { operatorRelease } : {}),
          ...platform,
        };
        result = renderServer(server.name, args, read, options.hashKey);
      } catch (e) {
        if (!isNotFound(e)) throw e;
        throw new HintedError(
          (e as Error).message,
          `render reads Secrets only from its -f files, in the DittoServer's namespace (${quote(namespace)}): give the Secret's manifest with -f`,
        );
      }
      for (const w of result.warnings)
        stderr.push(`warning: DittoServer ${quote(server.name)}: ${w}`);
      for (const g of result.generated) {
        stderr.push(
          `generated: Secret ${quote(`${namespace}/${g.stored.secret}`)} key ${quote(g.stored.key)} (give this output back with -f to keep it)`,
        );
      }
      const from = `DittoServer ${quote(`${namespace}/${server.name}`)}`;
      for (const object of result.objects)
        rendered.push({ object: object as Record<string, any>, from });
    }
    rejectDuplicateObjects(rendered);
    return {
      code: 0,
      stdout: rendered.map((r) => `---\n${manifestYaml(r.object)}`).join(""),
      stderr: stderr.map((l) => `${l}\n`).join(""),
    };
  } catch (e) {
    const message =
      e instanceof UsageError
        ? `${e.message}\n\n${USAGE}`
        : e instanceof Error
          ? e.message
          : String(e);
    const known = e instanceof Error && /Error$/.test(e.name);
    stderr.push(known ? `error: ${message}` : `error: ${String(e)}`);
    if (e instanceof HintedError) stderr.push(`hint: ${e.hint}`);
    return { code: 1, stdout: "", stderr: stderr.map((l) => `${l}\n`).join("") };
  }
}

export function main(argv: string[]): void {
  const result = run(argv);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
