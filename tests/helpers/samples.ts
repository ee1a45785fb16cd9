/** The operator's reference files (../shared/reference) and its samples, read the same way by every test. */
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";

type Obj = Record<string, any>;

export const SHARED = path.join(__dirname, "..", "..", "..", "shared");
export const REFERENCE = path.join(SHARED, "reference");
export const SAMPLES = path.join(REFERENCE, "operator-feb2026", "samples");
/** The Secrets the samples without their own expect (decisions.md, "Render inputs for the operator samples"). */
export const SAMPLE_SECRET_FILES = ["dittofs_secrets.yaml", "dittofs_s3_secret.yaml"];

/** The documents of a YAML file (a sample's name, or a path). */
export function yamlDocs(file: string): Obj[] {
  const full = path.isAbsolute(file) ? file : path.join(SAMPLES, file);
  return parseAllDocuments(fs.readFileSync(full, "utf8"))
    .map((d) => d.toJS())
    .filter(Boolean);
}

/** Secret name → key → plain value, `stringData` over `data` as the API server merges them. */
export function plainSecrets(objects: Obj[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const s of objects.filter((o) => o.kind === "Secret")) {
    out[s.metadata.name] = {
      ...Object.fromEntries(
        Object.entries(s.data ?? {}).map(([k, v]) => [
          k,
          Buffer.from(String(v), "base64").toString("utf8"),
        ]),
      ),
      ...s.stringData,
    };
  }
  return out;
}

export interface Sample {
  file: string;
  cr: Obj;
  /** The sample's own Secrets, else the shared sample Secret files. */
  secrets: Record<string, Record<string, string>>;
}

/** Every operator sample that holds a DittoServer, sorted by file name. */
export function samples(): Sample[] {
  return fs
    .readdirSync(SAMPLES)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((file) => ({ file, docs: yamlDocs(file) }))
    .filter(({ docs }) => docs.some((d) => d.kind === "DittoServer"))
    .map(({ file, docs }) => {
      const own = docs.filter((d) => d.kind === "Secret");
      const secretDocs = own.length > 0 ? own : SAMPLE_SECRET_FILES.flatMap((f) => yamlDocs(f));
      return {
        file,
        cr: docs.find((d) => d.kind === "DittoServer")!,
        secrets: plainSecrets(secretDocs),
      };
    });
}
