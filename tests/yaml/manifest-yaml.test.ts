/**
 * manifestYaml / configYaml: whatever they print, a YAML 1.1 reader reads back as exactly the value meant (issue 13,
 * "YAML that every consumer reads as meant"). Two real readers:
 * - the `yaml` package's YAML 1.1 parser (`version: "1.1"`), and its YAML 1.2 parser;
 * - `sigs.k8s.io/yaml` (go-yaml v2), what kubectl sends to the API server: tests/yaml/go-yaml11, built once per run
 *   with the Go toolchain (skipped, saying so, when `go` is not on PATH). All documents go through one process run.
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fc from "fast-check";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments, parseDocument, stringify } from "yaml";
import { ManifestYamlError, configYaml, manifestYaml } from "../../src/yaml/manifest-yaml";

const ROOT = path.resolve(__dirname, "..", "..");
/** Runs of the property tests; raise it (YAML_PROPERTY_RUNS=20000) to search harder. The Go batch is 30 % of it. */
const RUNS = Math.max(1000, Number(process.env.YAML_PROPERTY_RUNS) || 0);
const GO_CHECKER_DIR = path.join(__dirname, "go-yaml11");

// ---------------------------------------------------------------------------------------------------------------
// Readers

/** Canonical JSON: object keys sorted (Go's maps have no order), so two values compare as JSON values. */
function canonical(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort())
        Object.defineProperty(out, k, {
          value: sortKeys((v as Record<string, unknown>)[k]),
          enumerable: true,
        });
      return out;
    }
    return v;
  };
  return JSON.stringify(sortKeys(value));
}

/** The value as JSON holds it (what the API server receives): undefined members dropped, -0 as 0. */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** Reads one document with the `yaml` package; errors and warnings fail. Key order is part of the comparison. */
function readWithYamlPackage(text: string, version: "1.1" | "1.2"): string {
  const doc = parseDocument(text, { version, uniqueKeys: true });
  const problems = [...doc.errors, ...doc.warnings].map((e) => e.message);
  if (problems.length) throw new Error(`YAML ${version} reader: ${problems.join("; ")}`);
  return JSON.stringify(doc.toJS({ maxAliasCount: 0 }));
}

interface GoResult {
  json?: unknown;
  error?: string;
}

let goChecker: string | undefined | null = null; // null: not built yet; undefined: not available

/** Builds tests/yaml/go-yaml11 once per run; undefined (with the reason logged) when there is no Go toolchain. */
function goYaml11(): string | undefined {
  if (goChecker !== null) return goChecker;
  const version = spawnSync("go", ["version"], { encoding: "utf8" });
  if (version.error || version.status !== 0) {
    console.log(
      "      skipped: no Go toolchain on PATH (`go`), so the sigs.k8s.io/yaml reader (tests/yaml/go-yaml11) cannot be built; install Go >= 1.22 to run these checks",
    );
    goChecker = undefined;
    return undefined;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-go-yaml11-"));
  const bin = path.join(dir, process.platform === "win32" ? "go-yaml11.exe" : "go-yaml11");
  const build = spawnSync("go", ["build", "-mod=readonly", "-o", bin, "."], {
    cwd: GO_CHECKER_DIR,
    encoding: "utf8",
    env: { ...process.env, GOFLAGS: "-buildvcs=false" },
  });
  if (build.status !== 0)
    throw new Error(
      `go build of tests/yaml/go-yaml11 failed (it needs the Go module proxy, or the modules in the Go cache):\n${build.stderr}`,
    );
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  goChecker = bin;
  return bin;
}

/** Every document read by sigs.k8s.io/yaml in one process run, split the way kubectl splits a stream. */
function readWithGo(bin: string, documents: string[]): GoResult[] {
  const run = spawnSync(bin, [], {
    input: documents.map((d) => `---\n${d}`).join(""),
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (run.status !== 0) throw new Error(`go-yaml11 failed on the stream: ${run.stderr}`);
  const results = run.stdout
    .split("\n")
    .filter((l) => l)
    .map((l) => JSON.parse(l) as GoResult);
  if (results.length !== documents.length)
    throw new Error(
      `kubectl's reader saw ${results.length} documents where ${documents.length} were written (a line starting with --- inside a document?)`,
    );
  return results;
}

/** Characters that must never stand raw in the output (escaped instead); tab and line feed aside. */
const RAW_FORBIDDEN = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;

/** The text has no raw forbidden character, and the `yaml` package's readers read it back as the value. */
function roundTripsInYamlPackage(value: unknown, text: string): void {
  const meant = JSON.stringify(asJson(value));
  expect(RAW_FORBIDDEN.test(text), `raw forbidden character in:\n${text}`).to.equal(false);
  expect(text.startsWith("---"), "no document marker").to.equal(false);
  expect(readWithYamlPackage(text, "1.1"), `YAML 1.1 reading of:\n${text}`).to.equal(meant);
  expect(readWithYamlPackage(text, "1.2"), `YAML 1.2 reading of:\n${text}`).to.equal(meant);
}

function expectGoReads(result: GoResult, value: unknown, text: string): void {
  expect(result.error, `sigs.k8s.io/yaml error on:\n${text}`).to.equal(undefined);
  expect(canonical(result.json), `sigs.k8s.io/yaml reading of:\n${text}`).to.equal(
    canonical(asJson(value)),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile strings

const LONG = "a long value with spaces, no folding at 80 columns: ".repeat(40);
const HOSTILE: string[] = [
  // YAML 1.1 booleans (go-yaml v2's table) and near misses
  ...["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false"],
  ...["False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "yEs", "oN", "t", "f"],
  // null
  ...["~", "null", "Null", "NULL", "nUll", "None"],
  // ints: octal, hex, binary, underscores, signs, Go's strconv forms (0o, 0X, 0B, sign before a prefix)
  ...["0", "-0", "+0", "0777", "-0777", "08", "0o17", "0O17", "-0o17", "+0o17", "0x1F", "0X1F"],
  ...["-0x1f", "0x_1F", "0x", "0b101", "0B101", "-0b101", "0b", "1_000", "1__0", "1_", "_1", "+_1"],
  ...["-_0x1F", "12345678901234567890", "99999999999999999999", "0xFFFFFFFFFFFFFFFFF", "1,000"],
  // floats
  ...[
    "1e3",
    "1E3",
    "1e+3",
    "-1e-3",
    "1e_3",
    "1_e3",
    "1.",
    "-1.5",
    ".5",
    "+.5",
    "-.5",
    "._5",
    ".5_5",
  ],
  ...[
    ".5e1_0",
    "1.5e",
    "1e400",
    "0x1p-2",
    "1.2.3",
    ".inf",
    ".Inf",
    ".INF",
    "+.inf",
    "-.Inf",
    "-.INF",
  ],
  ...[".nan", ".NaN", ".NAN", "nan", "inf", "-inf", "Infinity", ".e3", "."],
  // sexagesimal (YAML 1.1 int and float)
  ...["190:20:30", "-190:20:30", "1:20", "190:20:30.15", "12:30"],
  // timestamps
  ...["2026-01-01", "2026-1-1", "2001-12-14t21:59:43.10-05:00", "2001-12-14T21:59:43.10Z"],
  ...["2001-12-14 21:59:43.10 -5", "2001-12-14 21:59:43", "2001-12-14T21:59:43,10Z", "2026-02-30"],
  // merge and value keys
  ...["<<", "=", "<< ", "==", "!!str", "!!binary aGk="],
  // indicators and whitespace
  ...["  leading space", "trailing ", " ", "  ", "\t", "a\tb", "\tlead", "trail\t", "#comment"],
  ...["a #b", "a#b", "key: value", "key:value", "key:", ":", ": x", "-", "- item", "-x", "--", "?"],
  ...["? x", "?x", "@x", "`x", "|", "|-", ">", ">-", "%TAG", "%YAML 1.1", "---", "--- x", "---x"],
  ...[
    "...",
    "... x",
    "!tag",
    "!",
    "*alias",
    "&anchor",
    "'",
    "''",
    '"',
    "\"'",
    "[a]",
    "{a: 1}",
    ",",
  ],
  ...["a, b", "a,b", "[", "}", "a: b: c", "a:\tb"],
  // line breaks, controls, BOM, non-characters, Unicode spaces
  ...["\n", "\n\n", "a\n", "\na", "a\n\n", "a\nb", "a\r\nb", "\r", "a\rb"],
  ...["\u2028", "a\u2028b", "\u2029", "a\u2029b", "\u0085", "a\u0085b", "\u0000", "a\u0000b"],
  ...["\u0007", "\u001b[0m", "\u007f", "\u0080", "\u009f", "\u00a0", "a\u00a0", "\u00a0a"],
  ...["\ufeff", "\ufeffbom", "\ufffe", "\uffff", "\u3000", "\u2003x", "x\u200b"],
  // astral characters, combining marks, RTL
  ...["😀", "a😀b", "𝕏", "\u{10FFFF}", "e\u0301", "\u202eevil", "日本語"],
  // empty, long
  ...["a\n \nb", `${"long enough to be folded by the library: ".repeat(2)}\n \n `, " \n", "\t\n"],
  ...["", "x".repeat(1023), "y".repeat(1025), "é".repeat(1030), "😀".repeat(600), LONG],
  ...["__proto__", "constructor", "toString"],
];

/** A multi-line text (a config file in a ConfigMap) with the hostile string in every position. */
function configText(h: string): string {
  return `logging:\n    level: ${h}\n    format: json\n# ${h}\n${h}\n  ${h}  \nend: ${h}\n`;
}

/** The hostile string as value and key, nested in maps and lists, and in multi-line texts. */
function embed(h: string): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: "x",
      annotations: { [h]: h, plain: h, "example.com/key": `${h}` },
      labels: { [`${h}`]: "v" },
    },
    [h]: h,
    data: {
      "config.yaml": configText(h),
      starts: `${h}\nsecond line\n`,
      ends: `first line\n${h}`,
      alone: `${h}\n`,
      indented: `  ${h}\n    more\n`,
      [h]: [h, [h, [h]], { [h]: [h, { [h]: h }] }],
    },
  };
}

/** The hostile string in a server config file (4-space indentation). */
function embedConfig(h: string): Record<string, unknown> {
  return {
    logging: { level: h, format: "json" },
    [h]: { [h]: [h, { [h]: h, text: `${h}\n`, indented: `  ${h}\n  x\n` }] },
    text: configText(h),
  };
}

const hostileCases = HOSTILE.map((h) => {
  const value = embed(h);
  const config = h.length <= 128 ? embedConfig(h) : embedConfig(h.slice(0, 128));
  return { h, value, text: manifestYaml(value), config, configText: configYaml(config) };
});

/** A test title: the string with everything outside printable ASCII escaped, shortened. */
const label = (h: string) => {
  const s = JSON.stringify(h).replace(
    /[^\x20-\x7e]/gu,
    (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`,
  );
  return s.length > 40 ? `${s.slice(0, 37)}…(${h.length})` : s;
};

// ---------------------------------------------------------------------------------------------------------------
// Generators

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function objectArbitrary(maxKeyLength = Number.POSITIVE_INFINITY) {
  const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
  // Number-like scalars as go-yaml v2 and YAML 1.1 see them: sign, base prefix, digits, underscores, dot, exponent.
  const numberLike = fc
    .tuple(
      pick("", "", "-", "+", "_", "+_"),
      pick("", "", "", "0", "0x", "0X", "0o", "0O", "0b", "0B", "_"),
      fc.string({ unit: pick(..."0123456789_abcdefABCDEF"), maxLength: 6 }),
      pick("", "", ".", ".5", "._5", "."),
      pick("", "", "e3", "E-3", "e+1_0", "e_3", "e", "p1"),
      pick("", "", "", "_", ":30", ":20:30", ":5"),
    )
    .map((parts) => parts.join(""));
  const words = pick(
    ..."y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF".split(
      " ",
    ),
    ..."~ null Null NULL .inf .Inf -.inf +.INF .nan .NaN .NAN << = - ? : | > ! & * % @ ` # , [ ] { }".split(
      " ",
    ),
    ..."--- ... --- ...x ---x -- ''".split(" "),
  );
  const mixedCase = words.chain((w) => fc.mixedCase(fc.constant(w)));
  const timestamp = fc
    .tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 19 }),
      fc.integer({ min: 0, max: 39 }),
      pick(
        "",
        "",
        "T10:20:30",
        "t1:2:3.5",
        " 10:20:30",
        "T10:20:30Z",
        "T10:20:30.1-05:00",
        " 1:2:3 -5",
      ),
    )
    .map(
      ([y, m, d, t]) => `${String(y).padStart(4, "0")}-${m < 10 && m % 2 ? "0" : ""}${m}-${d}${t}`,
    );
  const specialUnit = pick(
    ..."\u2028 \u2029 \u0085 \u0000 \u0001 \u0007 \u0008 \u000b \u000c \u000d \u001b \u001f \u007f \u0080 \u009f".split(
      " ",
    ),
    ..."\u00a0 \ufeff \ufffe \uffff \u3000 \u2003 \u200b \u202e 😀 𝕏 é".split(" "),
    ...[
      " ",
      " ",
      "  ",
      "\t",
      "\n",
      "\n",
      "\n\n",
      "\r\n",
      ":",
      ": ",
      " #",
      "#",
      "-",
      "- ",
      "?",
      "'",
      '"',
      "\\",
    ],
    ...[
      "[",
      "]",
      "{",
      "}",
      ",",
      "&",
      "*",
      "!",
      "|",
      ">",
      "%",
      "@",
      "`",
      "---",
      "...",
      "<<",
      "y",
      "0",
    ],
  );
  const special = fc.string({ unit: fc.oneof(specialUnit, pick(..."abcxyz019")), maxLength: 12 });
  const multiLine = fc
    .array(
      fc.oneof(
        fc.string({ unit: "grapheme-ascii", maxLength: 20 }),
        special,
        words,
        numberLike,
        fc.constant(""),
      ),
      { minLength: 1, maxLength: 6 },
    )
    .chain((lines) =>
      fc
        .tuple(pick("", "", " ", "  ", "\t"), pick("", "\n", "\n", "\n\n", " \n", "\n "))
        .map(([lead, end]) => lead + lines.join("\n") + end),
    );
  const anyUnicode = fc.string({ unit: "binary", maxLength: 12 }).filter((s) => !LONE.test(s));
  const string = fc.oneof(
    { arbitrary: words, weight: 3 },
    { arbitrary: mixedCase, weight: 1 },
    { arbitrary: numberLike, weight: 4 },
    { arbitrary: timestamp, weight: 2 },
    { arbitrary: special, weight: 4 },
    { arbitrary: multiLine, weight: 3 },
    { arbitrary: anyUnicode, weight: 2 },
    { arbitrary: fc.string({ unit: "grapheme-ascii", maxLength: 12 }), weight: 2 },
    {
      arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1000, maxLength: 1100 }),
      weight: 1,
    },
  );
  const scalar = fc.oneof(
    { arbitrary: string, weight: 6 },
    { arbitrary: fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), weight: 1 },
    { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
    { arbitrary: fc.boolean(), weight: 1 },
    { arbitrary: fc.constant(null), weight: 1 },
  );
  const tree = fc.letrec<{ value: unknown; object: Record<string, unknown>; array: unknown[] }>(
    (tie) => ({
      value: fc.oneof({ depthSize: "small" }, scalar, tie("array"), tie("object")),
      array: fc.array(tie("value"), { maxLength: 4 }),
      object: fc.dictionary(
        string.filter((k) => k.length <= maxKeyLength),
        tie("value"),
        { maxKeys: 5, noNullPrototype: true },
      ),
    }),
  );
  return { string, object: tree.object };
}

// ---------------------------------------------------------------------------------------------------------------
// Ordinary objects (the shapes render prints)

function yamlFiles(dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== "node_modules") walk(p);
      } else if (/\.ya?ml$/.test(e.name)) out.push(p);
    }
  };
  for (const d of dirs) walk(path.join(ROOT, d));
  return out.sort();
}

const SERVER_CONFIG = {
  logging: { level: "INFO", format: "json", output: "stdout" },
  shutdown_timeout: "30s",
  database: { type: "sqlite", sqlite: { path: "/data/controlplane/controlplane.db" } },
  metrics: { enabled: true, host: "0.0.0.0", port: 9090 },
  controlplane: {
    host: "0.0.0.0",
    port: 8080,
    jwt: { issuer: "dittofs", access_token_duration: "15m", refresh_token_duration: "168h" },
  },
  cache: { path: "/data/cache", size: "1GB" },
  admin: { username: "admin" },
};

const LABELS = { app: "dittofs-server", instance: "demo" };

const TYPICAL: Record<string, unknown> = {
  Secret: {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "demo-jwt-secret", namespace: "dittofs" },
    data: { "jwt-secret": "amJHUXpRUlBNenZQdEgzSDNtdDFDa0QzS3BJdEFOU2c=" },
  },
  ConfigMap: {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "demo-config", namespace: "dittofs" },
    data: {
      "config.yaml": stringify(SERVER_CONFIG, { indent: 4, lineWidth: 0, sortMapEntries: false }),
    },
  },
  Service: {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "demo-headless", namespace: "dittofs", labels: LABELS },
    spec: {
      clusterIP: "None",
      selector: LABELS,
      ports: [
        { name: "nfs", port: 12049, targetPort: "nfs", protocol: "TCP" },
        { name: "api", port: 8080, targetPort: 8080, protocol: "TCP" },
      ],
    },
  },
  StatefulSet: {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "demo", namespace: "dittofs", labels: LABELS },
    spec: {
      serviceName: "demo-headless",
      replicas: 1,
      selector: { matchLabels: LABELS },
      template: {
        metadata: {
          labels: LABELS,
          annotations: { "dittofs.io/config-hash": "9f86d081884c7d659a2feaa0c55ad015" },
        },
        spec: {
          enableServiceLinks: false,
          securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 },
          containers: [
            {
              name: "dittofs",
              image: "marmos91c/dittofs:latest",
              command: ["/app/dittofs", "start", "--config", "/config/config.yaml"],
              ports: [{ name: "nfs", containerPort: 12049, protocol: "TCP" }],
              env: [
                { name: "DITTOFS_LOGGING_LEVEL", value: "INFO" },
                {
                  name: "DITTOFS_CONTROLPLANE_SECRET",
                  valueFrom: { secretKeyRef: { name: "demo-jwt-secret", key: "jwt-secret" } },
                },
              ],
              resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "1Gi" } },
              readinessProbe: {
                httpGet: { path: "/health/ready", port: "api" },
                initialDelaySeconds: 5,
                periodSeconds: 10,
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ["ALL"] },
              },
              volumeMounts: [
                { name: "config", mountPath: "/config", readOnly: true },
                { name: "tmp", mountPath: "/tmp" },
              ],
            },
          ],
          volumes: [
            { name: "config", configMap: { name: "demo-config" } },
            { name: "tmp", emptyDir: {} },
          ],
        },
      },
      volumeClaimTemplates: [
        {
          metadata: { name: "metadata" },
          spec: {
            accessModes: ["ReadWriteOnce"],
            resources: { requests: { storage: "10Gi" } },
            storageClassName: "standard",
          },
        },
      ],
    },
  },
  PerconaPGCluster: {
    apiVersion: "pgv2.percona.com/v2",
    kind: "PerconaPGCluster",
    metadata: { name: "demo-postgres", namespace: "dittofs" },
    spec: {
      crVersion: "2.5.0",
      postgresVersion: 16,
      instances: [
        { name: "instance1", replicas: 1, dataVolumeClaimSpec: { accessModes: ["ReadWriteOnce"] } },
      ],
      backups: {
        pgbackrest: {
          global: { "repo1-retention-full": "7", "repo1-retention-full-type": "count" },
          repos: [
            { name: "repo1", s3: { bucket: "b", endpoint: "s3.example.com", region: "eu-west-1" } },
          ],
        },
      },
      users: [{ name: "dittofs", databases: ["dittofs"], options: "SUPERUSER" }],
    },
  },
  "empty map and list, null, numbers": {
    a: {},
    b: [],
    c: null,
    d: 0,
    e: -1.5,
    f: 1e21,
    g: "",
    h: "multi\nline\ntext\n",
    i: "  indented first line\nsecond\n",
  },
};

describe("manifestYaml: YAML every consumer reads as meant", () => {
  describe("hostile strings as values and keys, nested, and in multi-line texts", () => {
    it("the table holds every class of the issue", () => {
      expect(HOSTILE.length).to.be.greaterThan(150);
      expect(new Set(HOSTILE).size, "no duplicates").to.equal(HOSTILE.length);
    });

    for (const c of hostileCases) {
      it(`${label(c.h)}: the yaml package reads it back (YAML 1.1 and 1.2)`, () => {
        roundTripsInYamlPackage(c.value, c.text);
        roundTripsInYamlPackage(c.config, c.configText);
      });
    }

    it(`sigs.k8s.io/yaml (kubectl) reads back every case, manifest and config file (one process run)`, function () {
      this.timeout(300_000); // the first build on a fresh machine downloads sigs.k8s.io/yaml
      const bin = goYaml11();
      if (!bin) this.skip();
      const cases = hostileCases.flatMap((c) => [
        { h: c.h, value: c.value, text: c.text },
        { h: c.h, value: c.config, text: c.configText },
      ]);
      const results = readWithGo(
        bin!,
        cases.map((c) => c.text),
      );
      const failed: string[] = [];
      let first = "";
      results.forEach((r, i) => {
        try {
          expectGoReads(r, cases[i].value, cases[i].text);
        } catch (e) {
          failed.push(label(cases[i].h));
          first ||= `${label(cases[i].h)}: ${(e as Error).message}`;
        }
      });
      if (failed.length)
        expect.fail(
          `${failed.length} of ${cases.length} documents read otherwise: ${failed.join(", ")}\nfirst: ${first}`,
        );
    });

    it("quotes the issue's own case: repo1-storage-verify-tls: y", () => {
      expect(manifestYaml({ "repo1-storage-verify-tls": "y" })).to.equal(
        'repo1-storage-verify-tls: "y"\n',
      );
      expect(manifestYaml({ y: "n", on: ["off", "0777", "2026-01-01"] })).to.equal(
        '"y": "n"\n"on":\n  - "off"\n  - "0777"\n  - "2026-01-01"\n',
      );
    });

    it("escapes line separators, C1 controls and the BOM, and keeps tabs and newlines readable", () => {
      expect(manifestYaml({ a: "x\u2028y\u2029z\u0085\u0000\u007f\ufeff" })).to.equal(
        'a: "x\\Ly\\Pz\\x85\\0\\x7f\\ufeff"\n',
      );
      expect(manifestYaml({ a: "line 1\nline 2\n" })).to.equal("a: |\n  line 1\n  line 2\n");
      expect(manifestYaml({ a: "line 1\n\u2028\n" })).to.equal('a: "line 1\\n\\L\\n"\n');
    });

    it("is stable: same input, same bytes", () => {
      for (const c of hostileCases.slice(0, 20)) expect(manifestYaml(c.value)).to.equal(c.text);
    });
  });

  describe("values no reader can read back are rejected with their path, never shown", () => {
    const cases: Array<[string, unknown, string]> = [
      [
        "lone high surrogate",
        { metadata: { annotations: { a: "x\ud800secret" } } },
        "metadata.annotations.a",
      ],
      ["lone low surrogate in a key", { data: { "k\udc00": "v" } }, 'data["k\\udc00"]'],
      ["NaN", { spec: { replicas: NaN } }, "spec.replicas"],
      ["Infinity in a list", { spec: { ports: [1, Infinity] } }, "spec.ports[1]"],
      ["bigint", { spec: { n: BigInt(1) } }, "spec.n"],
      ["function", { spec: { f: () => 1 } }, "spec.f"],
    ];
    for (const [name, value, at] of cases)
      it(name, () => {
        let error: unknown;
        try {
          manifestYaml(value);
        } catch (e) {
          error = e;
        }
        expect(error).to.be.instanceOf(ManifestYamlError);
        const e = error as ManifestYamlError;
        expect(e.path).to.equal(at);
        expect(e.message.startsWith(`${at}: `)).to.equal(true);
        expect(e.message).not.to.include("secret");
      });

    it("configYaml: a key longer than 128 characters", () => {
      expect(() => configYaml({ cache: { ["k".repeat(129)]: 1 } })).to.throw(
        ManifestYamlError,
        "a key longer than 128 characters",
      );
    });

    it("a cycle", () => {
      const a: Record<string, unknown> = { spec: {} };
      (a.spec as Record<string, unknown>).self = a;
      expect(() => manifestYaml(a)).to.throw(ManifestYamlError, "spec.self: circular reference");
    });

    it("a shared (not circular) object is written twice, without anchors or aliases", () => {
      const labels = { app: "dittofs" };
      const text = manifestYaml({
        metadata: { labels },
        spec: { selector: { matchLabels: labels } },
      });
      expect(text).not.to.match(/[&*]a\d/);
      expect(text).to.equal(
        "metadata:\n  labels:\n    app: dittofs\nspec:\n  selector:\n    matchLabels:\n      app: dittofs\n",
      );
    });
  });

  describe("property: generated objects, strings biased to the hostile classes", () => {
    const arbitraries = objectArbitrary();
    const configArbitraries = objectArbitrary(128);

    it("≥ 1000 objects read back exactly by the yaml package's YAML 1.1 (and 1.2) reader", () => {
      fc.assert(
        fc.property(arbitraries.object, (obj) => {
          roundTripsInYamlPackage(obj, manifestYaml(obj));
        }),
        { numRuns: RUNS },
      );
    });

    it("the same for the config file writer (4-space indentation)", () => {
      fc.assert(
        fc.property(configArbitraries.object, (obj) => {
          roundTripsInYamlPackage(obj, configYaml(obj));
        }),
        { numRuns: Math.round(RUNS * 0.2) },
      );
    });

    it("300 objects (and 50 config files) read back exactly by sigs.k8s.io/yaml (one process run)", function () {
      this.timeout(300_000);
      const bin = goYaml11();
      if (!bin) this.skip();
      const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
      const objects = fc.sample(arbitraries.object, { numRuns: Math.round(RUNS * 0.3), seed });
      const texts = objects.map((o) => manifestYaml(o));
      const configs = fc.sample(configArbitraries.object, {
        numRuns: Math.round(RUNS * 0.05),
        seed,
      });
      texts.push(...configs.map((o) => configYaml(o)));
      const all = [...objects, ...configs];
      const results = readWithGo(bin!, texts);
      results.forEach((r, i) => {
        const obj = all[i];
        try {
          expectGoReads(r, obj, texts[i]);
        } catch (e) {
          throw new Error(
            `seed ${seed} (rerun with FC_SEED=${seed}), object ${i}: ${JSON.stringify(obj)}\n${(e as Error).message}`,
          );
        }
      });
    });

    it("a string with a lone surrogate anywhere is rejected, never written", () => {
      fc.assert(
        fc.property(
          arbitraries.string,
          fc.constantFrom("\ud800", "\udbff", "\udc00", "\udfff"),
          fc.nat(),
          fc.boolean(),
          (s, surrogate, at, asKey) => {
            const i = at % (s.length + 1);
            let bad = s.slice(0, i) + surrogate + s.slice(i);
            if (LONE.test(bad) === false) bad = surrogate; // the insertion completed a pair
            const obj = { metadata: { annotations: asKey ? { [bad]: "v" } : { k: bad } } };
            expect(() => manifestYaml(obj)).to.throw(ManifestYamlError, "lone UTF-16 surrogate");
          },
        ),
        { numRuns: 200 },
      );
    });
  });

  describe("ordinary objects look as before: byte-identical to stringify(obj, { lineWidth: 0 })", () => {
    for (const [name, obj] of Object.entries(TYPICAL))
      it(name, () => {
        const copy = JSON.parse(JSON.stringify(obj)); // no shared objects: stringify would write aliases
        expect(manifestYaml(copy)).to.equal(stringify(copy, { lineWidth: 0 }));
      });

    it("every YAML document under examples/ and tests/fixtures/ (the bad-input corpus aside)", () => {
      let n = 0;
      // The bad-input corpus holds hostile strings on purpose: the next test covers it.
      const corpus = path.join(ROOT, "tests", "fixtures", "invalid");
      for (const file of yamlFiles(["examples", path.join("tests", "fixtures")])) {
        if (file.startsWith(corpus)) continue;
        for (const doc of parseAllDocuments(fs.readFileSync(file, "utf8"))) {
          if (!("errors" in doc) || doc.errors.length) continue;
          const obj = doc.toJS();
          if (!obj || typeof obj !== "object") continue;
          expect(manifestYaml(obj), path.relative(ROOT, file)).to.equal(
            stringify(obj, { lineWidth: 0 }),
          );
          n++;
        }
      }
      expect(n).to.be.greaterThan(5);
    });

    it("every document of the bad-input corpus reads back as itself, or is refused with its path", () => {
      let readBack = 0;
      let refused = 0;
      for (const file of yamlFiles([path.join("tests", "fixtures", "invalid")])) {
        for (const doc of parseAllDocuments(fs.readFileSync(file, "utf8"))) {
          if (!("errors" in doc) || doc.errors.length) continue;
          let obj: unknown;
          try {
            obj = doc.toJS();
          } catch {
            continue; // an alias bomb or an unresolved alias: no object to write
          }
          if (!obj || typeof obj !== "object") continue;
          let text: string;
          try {
            text = manifestYaml(obj);
          } catch (e) {
            expect(e, path.relative(ROOT, file)).to.be.instanceOf(ManifestYamlError);
            expect((e as ManifestYamlError).path, path.relative(ROOT, file)).to.not.equal("");
            refused++;
            continue;
          }
          expect(parseDocument(text).toJS(), path.relative(ROOT, file)).to.deep.equal(obj);
          readBack++;
        }
      }
      expect(readBack).to.be.greaterThan(150);
      expect(refused).to.be.greaterThan(5);
    });

    it("the server config file: configYaml equals today's stringify options", () => {
      const options = { indent: 4, lineWidth: 0, sortMapEntries: false } as const;
      expect(configYaml(SERVER_CONFIG)).to.equal(stringify(SERVER_CONFIG, options));
      const hostile = { ...SERVER_CONFIG, cache: { path: "/data/cache", size: "on" } };
      expect(configYaml(hostile)).to.include('size: "on"');
    });
  });
});
