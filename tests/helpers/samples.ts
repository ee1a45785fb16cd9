/** The operator's reference files (../shared/reference) and its samples, read the same way by every test. */
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { decodeData } from "./base64";
import type { Obj } from "./objects";

export const SHARED = path.join(__dirname, "..", "..", "..", "shared");
export const REFERENCE = path.join(SHARED, "reference");
/** The Feb 2026 operator's samples. */
export const SAMPLES = path.join(REFERENCE, "operator-feb2026", "samples");
/** The Secrets the samples without their own expect (decisions.md, "Render inputs for the operator samples"). */
export const SAMPLE_SECRET_FILES = ["dittofs_secrets.yaml", "dittofs_s3_secret.yaml"];

/** One release's samples: their folder and the shared Secret files the samples without their own Secrets use. */
export interface SampleSet {
  dir: string;
  secretFiles: string[];
}

export const FEB2026_SAMPLES: SampleSet = { dir: SAMPLES, secretFiles: SAMPLE_SECRET_FILES };
/** The v0.29 operator's samples (release v0.29.0, July 2026); only `dittofs_secrets.yaml` is shared there. */
export const JUL2026_SAMPLES: SampleSet = {
  dir: path.join(REFERENCE, "operator-jul2026", "samples"),
  secretFiles: ["dittofs_secrets.yaml"],
};

/** The documents of a YAML file (a sample's name in `dir`, or a path). */
export function yamlDocs(file: string, dir: string = SAMPLES): Obj[] {
  const full = path.isAbsolute(file) ? file : path.join(dir, file);
  return parseAllDocuments(fs.readFileSync(full, "utf8"))
    .map((d) => d.toJS())
    .filter(Boolean);
}

/** Secret name → key → plain value, `stringData` over `data` as the API server merges them. */
export function plainSecrets(objects: Obj[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const s of objects.filter((o) => o.kind === "Secret")) {
    out[s.metadata.name] = {
      ...decodeData(s.data ?? {}),
      ...s.stringData,
    };
  }
  return out;
}

export interface Sample {
  file: string;
  /** The sample's full path. */
  path: string;
  cr: Obj;
  /** The sample's own Secrets, else the shared sample Secret files. */
  secrets: Record<string, Record<string, string>>;
  /** Whether the Secrets came from the sample itself (else from the set's shared Secret files). */
  ownSecrets: boolean;
}

/** Every operator sample of a set (default: Feb 2026) that holds a DittoServer, sorted by file name. */
export function samples(set: SampleSet = FEB2026_SAMPLES): Sample[] {
  return fs
    .readdirSync(set.dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((file) => ({ file, docs: yamlDocs(file, set.dir) }))
    .filter(({ docs }) => docs.some((d) => d.kind === "DittoServer"))
    .map(({ file, docs }) => {
      const own = docs.filter((d) => d.kind === "Secret");
      const secretDocs =
        own.length > 0 ? own : set.secretFiles.flatMap((f) => yamlDocs(f, set.dir));
      return {
        file,
        path: path.join(set.dir, file),
        cr: docs.find((d) => d.kind === "DittoServer")!,
        secrets: plainSecrets(secretDocs),
        ownSecrets: own.length > 0,
      };
    });
}
