/**
 * `dittofs render -f FILE [-f FILE ...] [--namespace NS] [--hash-key KEY]`: prints every object the component would
 * create for the DittoServer CRs in the files, as multi-document YAML, without a cluster or the Pulumi runtime.
 * Errors go to stderr with exit 1 and nothing on stdout.
 */
import * as fs from "fs";
import { manifestYaml } from "../yaml/manifest-yaml";
import { DEFAULT_NAMESPACE, RENDER_DEFAULT_HASH_KEY } from "../defaults";
import { renderServer } from "../render";
import { COMPONENT_FIELDS } from "../resolve/component-fields";
import { DittoSpecError } from "../resolve/errors";
import { readInputs, InputError } from "./read-inputs";

const USAGE = `usage: dittofs render -f FILE [-f FILE ...] [--namespace NS] [--hash-key KEY]

Renders the Kubernetes objects of every DittoServer (dittofs.dittofs.com/v1alpha1) in the files. Secrets in the files
stand in for the cluster's Secrets. --namespace applies to objects without metadata.namespace (default "default").
The config-hash HMAC key is --hash-key, else $DITTOFS_HASH_KEY, else "${RENDER_DEFAULT_HASH_KEY}".
Generated secrets (JWT, admin password) are reused from the files when an earlier render's Secrets are given with -f;
otherwise they are generated, and stderr says which.`;

interface Options {
  files: string[];
  namespace?: string;
  hashKey: string;
}

class UsageError extends Error {}

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const [command, ...rest] = argv;
  if (command !== "render")
    throw new UsageError(command ? `unknown command ${JSON.stringify(command)}` : "no command");
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
    else if (flag === "--hash-key") options.hashKey = value();
    else throw new UsageError(`unknown option ${JSON.stringify(flag)}`);
  }
  if (options.files.length === 0) throw new UsageError("no -f FILE given");
  return options;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(argv: string[], env: NodeJS.ProcessEnv = process.env): CliResult {
  if (argv.includes("-h") || argv.includes("--help"))
    return { code: 0, stdout: `${USAGE}\n`, stderr: "" };
  const stderr: string[] = [];
  try {
    const options = parseOptions(argv, env);
    const files = options.files.map((path) => {
      try {
        return { path, text: fs.readFileSync(path, "utf8") };
      } catch (e) {
        throw new InputError(
          `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
        );
      }
    });
    const inputs = readInputs(files);
    if (inputs.servers.length === 0)
      throw new InputError("no DittoServer (dittofs.dittofs.com/v1alpha1) in the files");
    const fallbackNamespace = options.namespace ?? DEFAULT_NAMESPACE;
    const docs: string[] = [];
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
          `DittoServer ${JSON.stringify(server.name)}`,
          foreign.map((f) => `spec.${f}: unknown field`),
        );
      }
      const result = renderServer(
        server.name,
        { ...server.spec, namespace },
        read,
        options.hashKey,
      );
      for (const w of result.warnings)
        stderr.push(`warning: DittoServer ${JSON.stringify(server.name)}: ${w}`);
      for (const g of result.generated) {
        stderr.push(
          `generated: Secret ${JSON.stringify(`${namespace}/${g.stored.secret}`)} key ${JSON.stringify(g.stored.key)} (give this output back with -f to keep it)`,
        );
      }
      for (const obj of result.objects) docs.push(manifestYaml(obj));
    }
    return {
      code: 0,
      stdout: docs.map((d) => `---\n${d}`).join(""),
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
    return { code: 1, stdout: "", stderr: stderr.map((l) => `${l}\n`).join("") };
  }
}

export function main(argv: string[]): void {
  const result = run(argv);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
