/**
 * Reads render's inputs: DittoServer CRs, the Kubernetes Secrets that stand in for the cluster's, and any other
 * Kubernetes object, which is ignored (the previous render's output may be given back whole: its Secrets are read,
 * its ConfigMap, Services, StatefulSet and PerconaPGCluster are what render makes again). Parse errors give the line,
 * never the source text (it may hold a secret); integers beyond 2^53-1 are caught before they lose digits; a plain
 * scalar that YAML 1.1 readers (kubectl) read otherwise must be quoted (yaml-versions.ts).
 */
import { Composer, LineCounter, Parser, type CST } from "yaml";
import { quote } from "../resolve/errors";
import { argPath } from "../resolve/field-path";
import { InputError, isMap, metadataOf } from "./input-object";
import { readSecret, type SecretDocument } from "./secret-input";
import { tee } from "./tee";
import { ambiguities, ambiguityLines, type Ambiguity } from "./yaml-versions";
import { PLATFORM_FIELDS } from "../resolve/platform-schema";

export const DITTOSERVER_API_VERSION = "dittofs.dittofs.com/v1alpha1";
export { InputError } from "./input-object";
export type { SecretDocument } from "./secret-input";

export interface ServerDocument {
  name: string;
  namespace?: string;
  /** The CR's `dittofs.io/operator-release` annotation: the object model for this CR, over `--operator-release`. */
  operatorRelease?: string;
  spec: Record<string, unknown>;
  /** `<file> (document N)`. */
  source: string;
}

/** The component-only platform args of one DittoServer, which its CR (the operator's schema) cannot carry. */
export interface OptionsDocument {
  name: string;
  namespace?: string;
  spec: Record<string, unknown>;
  source: string;
}

export interface Inputs {
  servers: ServerDocument[];
  secrets: SecretDocument[];
  options: OptionsDocument[];
}

/** A document of render's own: the platform args of the DittoServer of the same name and namespace. */
export const OPTIONS_API_VERSION = "dittofs.io/v1alpha1";
export const OPTIONS_KIND = "DittoServerOptions";

function readOptions(obj: Record<string, any>, where: string): OptionsDocument {
  if (obj.apiVersion !== OPTIONS_API_VERSION)
    throw new InputError(
      `${where}: ${OPTIONS_KIND} apiVersion ${quote(String(obj.apiVersion))} is not supported (expected ${OPTIONS_API_VERSION})`,
    );
  const { name, namespace } = metadataOf(obj, where);
  if (!isMap(obj.spec)) throw new InputError(`${where}: spec is required (a map)`);
  const unknown = Object.keys(obj.spec).filter(
    (k) => !(PLATFORM_FIELDS as readonly string[]).includes(k),
  );
  if (unknown.length > 0)
    throw new InputError(
      `${where}: ${OPTIONS_KIND} ${quote(name)}: ${unknown.map((k) => `spec.${k}`).join(", ")}: unknown field (it holds ${PLATFORM_FIELDS.join(", ")})`,
    );
  const problems: string[] = [];
  const spec = numbers(obj.spec, [], problems) as Record<string, unknown>;
  if (problems.length > 0)
    throw new InputError(
      `${where}: ${OPTIONS_KIND} ${quote(name)} is invalid:\n${problems.map((p) => `  ${p}`).join("\n")}`,
    );
  return { name, namespace, spec, source: where };
}

/**
 * `value` with every bigint (the parser reads integers as bigints, to keep their digits) made a number; one beyond
 * 2^53-1 is a problem at its path.
 */
function numbers(value: unknown, keys: Array<string | number>, problems: string[]): unknown {
  if (typeof value === "bigint") {
    if (value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(-Number.MAX_SAFE_INTEGER))
      return Number(value);
    problems.push(
      `${argPath(keys, [])}: ${value} is an integer beyond 2^53-1 (${Number.MAX_SAFE_INTEGER}): its digits cannot be kept exactly`,
    );
    return Number(value);
  }
  if (Array.isArray(value)) return value.map((v, i) => numbers(v, [...keys, i], problems));
  if (isMap(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = numbers(v, [...keys, k], problems);
    return out;
  }
  return value;
}

/** Names the object model of one CR (`v0.29` or `2026-02`), over the `--operator-release` flag. */
export const OPERATOR_RELEASE_ANNOTATION = "dittofs.io/operator-release";

function readServer(obj: Record<string, any>, where: string): ServerDocument {
  if (obj.apiVersion !== DITTOSERVER_API_VERSION)
    throw new InputError(
      `${where}: DittoServer apiVersion ${quote(String(obj.apiVersion))} is not supported (expected ${DITTOSERVER_API_VERSION})`,
    );
  const { name, namespace } = metadataOf(obj, where);
  if (!isMap(obj.spec)) throw new InputError(`${where}: spec is required (a map)`);
  const problems: string[] = [];
  const spec = numbers(obj.spec, [], problems) as Record<string, unknown>;
  if (problems.length > 0)
    throw new InputError(
      `${where}: DittoServer ${quote(name)} is invalid:\n${problems.map((p) => `  ${p}`).join("\n")}`,
    );
  const release = obj.metadata?.annotations?.[OPERATOR_RELEASE_ANNOTATION];
  if (release !== undefined && typeof release !== "string")
    throw new InputError(`${where}: annotation ${OPERATOR_RELEASE_ANNOTATION} must be a string`);
  return { name, namespace, operatorRelease: release, spec, source: where };
}

/** More documents than any render needs; the parser's cost grows with each one, even an empty one. */
export const MAX_DOCUMENTS = 10_000;

/** The documents of one input, as plain values (bigints for integers); errors with the line, not the text. */
function* documents(
  file: { path: string; text: string },
  counted: { documents: number },
): Generator<{ where: string; value: unknown; ambiguous: Ambiguity[] }> {
  const lines = new LineCounter();
  // The same text read as YAML 1.1 too, document by document, to find what kubectl would read otherwise: the two
  // readings share one tokenisation.
  const [tokens, tokens11] = tee(new Parser(lines.addNewLine).parse(file.text));
  const compose = (version: "1.1" | "1.2", read: Iterable<CST.Token>) =>
    new Composer({ intAsBigInt: true, prettyErrors: false, version }).compose(read, true);
  let index = 0;
  const docs = compose("1.2", tokens);
  const docs11 = compose("1.1", tokens11);
  const next = <T>(iterator: Iterator<T>) => {
    try {
      return iterator.next();
    } catch (e) {
      throw new InputError(
        `${file.path}: cannot be read as YAML (${deep(e) ?? (e as Error).name})`,
      );
    }
  };
  for (let step = next(docs); !step.done; step = next(docs)) {
    const doc = step.value;
    const doc11 = next(docs11).value;
    const where = `${file.path} (document ${++index})`;
    if (++counted.documents > MAX_DOCUMENTS)
      throw new InputError(
        `${where}: more than ${MAX_DOCUMENTS} YAML documents in the inputs; render fewer at a time`,
      );
    const error = doc.errors[0];
    if (error) {
      const { line, col } = lines.linePos(error.pos[0]);
      throw new InputError(
        `${where}: invalid YAML at line ${line}, column ${col}: ${deep(error) ?? error.message}`,
      );
    }
    let value: unknown;
    try {
      // The parser's own alias limit (toJS `maxAliasCount`, 100) stays in place.
      value = doc.toJS();
    } catch (e) {
      throw new InputError(`${where}: ${deep(e) ?? (e as Error).message}`);
    }
    yield { where, value, ambiguous: doc11 ? ambiguities(doc, doc11, lines) : [] };
  }
}

/** "nested too deeply" for a stack overflow while parsing. */
const deep = (e: unknown) =>
  e instanceof RangeError || /call stack/.test(String((e as Error)?.message))
    ? "nested too deeply"
    : undefined;

export function readInputs(files: Array<{ path: string; text: string }>): Inputs {
  const servers: ServerDocument[] = [];
  const secrets: SecretDocument[] = [];
  const options: OptionsDocument[] = [];
  const counted = { documents: 0 };
  for (const file of files) {
    for (const { where, value, ambiguous } of documents(file, counted)) {
      if (value === null || value === undefined) continue;
      if (!isMap(value) || typeof value.apiVersion !== "string" || typeof value.kind !== "string")
        throw new InputError(`${where}: not a Kubernetes object (no apiVersion/kind)`);
      const ours =
        value.kind === "DittoServer" ||
        value.kind === OPTIONS_KIND ||
        (value.kind === "Secret" && value.apiVersion === "v1");
      if (ours && ambiguous.length > 0) {
        const lines = ambiguityLines(ambiguous, value.kind === "Secret");
        throw new InputError(
          `${where}: ${value.kind} ${quote(String((value.metadata as Record<string, unknown> | undefined)?.name ?? ""))}: YAML 1.1 and 1.2 read it differently:\n${lines.map((l) => `  ${l}`).join("\n")}`,
        );
      }
      if (value.kind === "DittoServer") servers.push(readServer(value, where));
      else if (value.kind === OPTIONS_KIND) options.push(readOptions(value, where));
      else if (value.kind === "Secret" && value.apiVersion === "v1")
        secrets.push(readSecret(value, where));
      // Any other object (an earlier render's ConfigMap, Services, ...) is not an input of render.
    }
  }
  return { servers, secrets, options };
}
