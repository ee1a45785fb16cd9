/**
 * The v0.29 samples as `dittofs render` is given them: read from ../shared (never copied), the stale `smb:` removed
 * in memory (the v0.29 CRD no longer has it; a strict apply rejects it), with the sample's own Secrets or else the
 * shared `dittofs_secrets.yaml`, plus the Secrets a sample needs from its cluster that no sample file holds.
 */
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments, stringify } from "yaml";
import { run, type CliResult } from "../../../src/cli/main";
import { JUL2026_SAMPLES, plainSecrets, samples, type Sample } from "../../helpers/samples";
import type { Obj } from "../../helpers/objects";

/** A Secret the sample expects in its cluster, and why the harness stands in for it. */
export interface StandIn {
  why: string;
  secret: Obj;
  /** What `dittofs render` says without the stand-in (the sample's Secrets as they are). */
  refusal: RegExp[];
}

const secret = (name: string, stringData: Record<string, string>, type?: string): Obj => ({
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name, namespace: "dittofs" },
  ...(type ? { type } : {}),
  stringData,
});

/** The fixed keys v0.29 reads, from a `postgres://` URL. */
function postgresKeys(url: string): Record<string, string> {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: u.port,
    database: u.pathname.slice(1),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    sslmode: u.searchParams.get("sslmode") ?? "",
  };
}

const SAMPLE = (file: string) => samples(JUL2026_SAMPLES).find((s) => s.file === file)!;

export const STAND_INS: Record<string, StandIn> = {
  "dittofs_v1alpha1_dittoserver_tls.yaml": {
    why: "its certificate Secret (cert-manager's, in a cluster) is in no sample file",
    secret: secret(
      "dittofs-controlplane-tls",
      { "tls.crt": "test certificate", "tls.key": "test key" },
      "kubernetes.io/tls",
    ),
    refusal: [/Secret "dittofs\/dittofs-controlplane-tls" not found/],
  },
  "dittofs-s3-smb-server-with-secrets.yaml": {
    why: "its PostgreSQL Secret holds only `connection-string`, which v0.29 reads nowhere (the operator's pod fails on the missing keys): the same connection under the fixed keys v0.29 reads",
    secret: secret(
      "postgres-credentials",
      postgresKeys(
        SAMPLE("dittofs-s3-smb-server-with-secrets.yaml").secrets["postgres-credentials"][
          "connection-string"
        ],
      ),
    ),
    refusal: ["host", "database", "user", "password"].map(
      (k) => new RegExp(`Secret "dittofs/postgres-credentials" has no key "${k}"`),
    ),
  },
};

export interface SampleInput {
  sample: Sample;
  /** The DittoServer as the v0.29 API server would store it: without `smb`. */
  cr: Obj;
  /** Whether the sample carried the stale `smb:`. */
  strippedSmb: boolean;
  /** Every Secret render is given (stand-ins included), decoded. */
  secrets: Record<string, Record<string, string>>;
  standIn?: StandIn;
  /** Standard input for `dittofs render -f -` and the other -f files. */
  stdin: string;
  files: string[];
}

function input(sample: Sample, withStandIn: boolean): SampleInput {
  const docs = parseAllDocuments(fs.readFileSync(sample.path, "utf8"));
  let strippedSmb = false;
  for (const d of docs.filter((x) => x.get("kind") === "DittoServer")) {
    strippedSmb = d.hasIn(["spec", "smb"]);
    d.deleteIn(["spec", "smb"]);
  }
  const standIn = withStandIn ? STAND_INS[sample.file] : undefined;
  let kept = [...docs];
  if (standIn) {
    // A stand-in replaces the sample's own Secret of that name.
    kept = docs.filter(
      (d) =>
        !(
          d.get("kind") === "Secret" &&
          d.getIn(["metadata", "name"]) === standIn.secret.metadata.name
        ),
    );
  }
  const texts = kept.map((d) => d.toString());
  if (standIn) texts.push(stringify(standIn.secret));
  const files = sample.ownSecrets
    ? []
    : JUL2026_SAMPLES.secretFiles.map((f) => path.join(JUL2026_SAMPLES.dir, f));
  const all = [
    ...kept.map((d) => d.toJS()),
    ...(standIn ? [standIn.secret] : []),
    ...files.flatMap((f) => parseAllDocuments(fs.readFileSync(f, "utf8")).map((d) => d.toJS())),
  ].filter(Boolean);
  return {
    sample,
    cr: all.find((d) => d.kind === "DittoServer"),
    strippedSmb,
    secrets: plainSecrets(all),
    standIn,
    stdin: texts.map((t) => (t.startsWith("---") ? t : `---\n${t}`)).join(""),
    files,
  };
}

/** Every v0.29 sample with a DittoServer, as the parity tests render it. */
export function sampleInputs(withStandIns = true): SampleInput[] {
  return samples(JUL2026_SAMPLES).map((s) => input(s, withStandIns));
}

/** `dittofs render --operator-release v0.29` of a sample input (no hash key from the environment). */
export function renderSample(i: SampleInput): CliResult {
  return run(
    ["render", "-f", "-", ...i.files.flatMap((f) => ["-f", f]), "--operator-release", "v0.29"],
    {},
    { readStdin: () => Buffer.from(i.stdin, "utf8") },
  );
}

/** The objects of a render's standard output. */
export function renderedObjects(result: CliResult): Obj[] {
  return parseAllDocuments(result.stdout)
    .map((d) => d.toJS())
    .filter(Boolean);
}
