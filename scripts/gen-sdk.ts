/**
 * `npm run sdk`: regenerates sdk/python and sdk/go from schema.json with the real Pulumi CLI
 * (`pulumi package gen-sdk schema.json --language python|go`), and records the schema's digest in sdk/schema.sha256.
 *
 * The CLI is `$PULUMI_CLI`, else the e2e toolchain's (`${XDG_CACHE_HOME:-~/.cache}/dittofs-toolchain/bin/pulumi`, with
 * the language hosts next to it), else `pulumi` on PATH. It runs with a minimal environment (no update check, no
 * plugin downloads). tests/schema/sdk.test.ts compares sdk/ with a fresh generation when the CLI is there, and the
 * digest always.
 */
import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..");
export const SDK_DIR = path.join(ROOT, "sdk");
export const SDK_LANGUAGES = ["python", "go"] as const;
export const DIGEST_FILE = path.join(SDK_DIR, "schema.sha256");
const SCHEMA_FILE = path.join(ROOT, "schema.json");

const toolchain = path.join(
  process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"),
  "dittofs-toolchain",
);

/** The Pulumi CLI to use, or undefined when there is none. */
export function findPulumi(): string | undefined {
  const candidates = [process.env.PULUMI_CLI, path.join(toolchain, "bin", "pulumi")];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  const which = spawnSync("sh", ["-c", "command -v pulumi"], { encoding: "utf8" });
  return which.status === 0 ? which.stdout.trim() : undefined;
}

/**
 * The language hosts `gen-sdk` needs that are neither beside the CLI nor on PATH. No package registry serves them:
 * they are built from the upstream pulumi/pulumi source at the CLI's version.
 */
export function missingLanguageHosts(pulumi: string): string[] {
  return SDK_LANGUAGES.map((l) => `pulumi-language-${l}`).filter((host) => {
    if (fs.existsSync(path.join(path.dirname(pulumi), host))) return false;
    return spawnSync("sh", ["-c", `command -v ${host}`]).status !== 0;
  });
}

export function schemaDigest(): string {
  return crypto.createHash("sha256").update(fs.readFileSync(SCHEMA_FILE)).digest("hex");
}

/** Generates the SDKs into `outDir/<language>`; throws with the CLI's output when it fails. */
export function generateSdks(pulumi: string, outDir: string): void {
  const pulumiHome = path.join(toolchain, "pulumi-home");
  const env: NodeJS.ProcessEnv = {
    HOME: os.homedir(),
    PATH: `${path.dirname(pulumi)}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DISABLE_REGISTRY_RESOLVE: "true",
    ...(process.env.PULUMI_HOME || fs.existsSync(pulumiHome)
      ? { PULUMI_HOME: process.env.PULUMI_HOME || pulumiHome }
      : {}),
  };
  for (const language of SDK_LANGUAGES) {
    const r = spawnSync(
      pulumi,
      ["package", "gen-sdk", SCHEMA_FILE, "--language", language, "--out", outDir],
      { cwd: ROOT, env, encoding: "utf8" },
    );
    if (r.status !== 0) {
      throw new Error(
        `pulumi package gen-sdk --language ${language} failed:\n${r.stdout}${r.stderr}`,
      );
    }
  }
}

/** Build products a Python install leaves in the SDK (ignored by its generated .gitignore). */
const BUILD_PRODUCTS = /^(build|dist|__pycache__|\.mypy_cache)$|\.egg-info$|\.pyc$/;

/** Every file under `dir` but build products, relative, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (BUILD_PRODUCTS.test(e.name)) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort();
}

/** `--if-available`: without the CLI or its language hosts, say so and succeed (`npm run generate` uses it). */
function unavailable(reason: string): never {
  const optional = process.argv.includes("--if-available");
  console.error(`${optional ? "sdk/ not regenerated" : "error"}: ${reason}`);
  process.exit(optional ? 0 : 1);
}

function main(): void {
  const pulumi = findPulumi();
  if (!pulumi)
    unavailable("no Pulumi CLI (set PULUMI_CLI, build the e2e toolchain, or put pulumi on PATH)");
  const missing = missingLanguageHosts(pulumi);
  if (missing.length > 0) unavailable(`no ${missing.join(", ")} beside ${pulumi} or on PATH`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-sdk-"));
  try {
    generateSdks(pulumi, tmp);
    for (const language of SDK_LANGUAGES) {
      const target = path.join(SDK_DIR, language);
      fs.rmSync(target, { recursive: true, force: true });
      fs.cpSync(path.join(tmp, language), target, { recursive: true });
    }
    fs.writeFileSync(DIGEST_FILE, `${schemaDigest()}  schema.json\n`);
    console.log(`wrote ${SDK_LANGUAGES.map((l) => `sdk/${l}`).join(", ")} with ${pulumi}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (require.main === module) main();
