/**
 * The config hash (operator-behavior.md §4, decisions.md "The hash"): HMAC-SHA256 over the config (with its own
 * `config:<len>:` prefix) and the secret entries framed `<len(key)>:<key>:<len(value)>:<value>`, keys sorted by
 * bytes, no `gen:` part. Then the `dittofs.io/config-hash` annotation of rendered StatefulSets.
 */
import { expect } from "chai";
import { createHmac } from "crypto";
import { configHash, hashStream } from "../src/hash";

const KEY = "unit-hash-key";
const CONFIG = "logging:\n    level: INFO\ncache:\n    path: /data/cache\n    size: 1GB\n";

const entries = (obj: Record<string, string | Buffer>): Map<string, Buffer> =>
  new Map(
    Object.entries(obj).map(([k, v]) => [k, Buffer.isBuffer(v) ? v : Buffer.from(v, "utf8")]),
  );

const stream = (config: string, e: Map<string, Buffer>) => Buffer.concat(hashStream(config, e));

/** What a framing-free hash would see: config, then each key and value, keys sorted. */
const naive = (config: string, e: Map<string, Buffer>) =>
  Buffer.concat([
    Buffer.from(config),
    ...[...e.keys()].sort().flatMap((k) => [Buffer.from(k), e.get(k)!]),
  ]);

const JWT = "your-jwt-secret-at-least-32-characters-long";
const ADMIN_HASH = "$2a$10$N9qo8uLOickgx2ZMRZoMy.Mrq4H1D/REPLACEWITHREALHASH";
const E2 = () => entries({ "jwt:secret": JWT, "admin:password-hash": ADMIN_HASH });
const E2_TAIL =
  "19:admin:password-hash:56:$2a$10$N9qo8uLOickgx2ZMRZoMy.Mrq4H1D/REPLACEWITHREALHASH10:jwt:secret:43:your-jwt-secret-at-least-32-characters-long";

const SAMPLE = () =>
  entries({
    "jwt:secret": JWT,
    "admin-initial:initial": "initial-pass-123",
    "postgres:url": "postgres://u:pw@db/app",
    "s3:accessKeyId": "AKIA",
    "s3:secretAccessKey": Buffer.from([0x00, 0xff, 0x10, 0x80]),
  });

describe("configHash and hashStream", () => {
  it("returns 64 lowercase hex characters", () => {
    expect(configHash(KEY, CONFIG, SAMPLE())).to.match(/^[0-9a-f]{64}$/);
  });

  it("gives the same digest for the same inputs", () => {
    expect(configHash(KEY, CONFIG, SAMPLE())).to.equal(configHash(KEY, CONFIG, SAMPLE()));
  });

  it("does not depend on the insertion order of the map", () => {
    const forward = SAMPLE();
    const backward = new Map([...SAMPLE().entries()].reverse());
    expect([...backward.keys()]).to.not.deep.equal([...forward.keys()]);
    expect(configHash(KEY, CONFIG, backward)).to.equal(configHash(KEY, CONFIG, forward));
  });

  it("changes when any single byte of the config changes", () => {
    const base = configHash(KEY, CONFIG, SAMPLE());
    const seen = new Set([base]);
    for (let i = 0; i < CONFIG.length; i++) {
      const changed =
        CONFIG.slice(0, i) + String.fromCharCode(CONFIG.charCodeAt(i) ^ 1) + CONFIG.slice(i + 1);
      const digest = configHash(KEY, changed, SAMPLE());
      expect(seen.has(digest), `config byte ${i}`).to.equal(false);
      seen.add(digest);
    }
  });

  for (const key of [...SAMPLE().keys()]) {
    it(`changes when any single byte of the secret value "${key}" changes`, () => {
      const base = configHash(KEY, CONFIG, SAMPLE());
      const value = SAMPLE().get(key)!;
      for (let i = 0; i < value.length; i++) {
        const e = SAMPLE();
        const changed = Buffer.from(value);
        changed[i] ^= 1;
        e.set(key, changed);
        expect(configHash(KEY, CONFIG, e), `${key} byte ${i}`).to.not.equal(base);
      }
    });
  }

  it("changes when a byte is appended to a secret value", () => {
    const e = SAMPLE();
    e.set("postgres:url", Buffer.concat([e.get("postgres:url")!, Buffer.from("x")]));
    expect(configHash(KEY, CONFIG, e)).to.not.equal(configHash(KEY, CONFIG, SAMPLE()));
  });

  it("changes when a key is renamed and the value kept", () => {
    const e = SAMPLE();
    e.set("jwt:secreT", e.get("jwt:secret")!);
    e.delete("jwt:secret");
    expect(configHash(KEY, CONFIG, e)).to.not.equal(configHash(KEY, CONFIG, SAMPLE()));
  });

  it("changes when an entry is added", () => {
    const e = SAMPLE();
    e.set("s3:endpoint", Buffer.from(""));
    expect(configHash(KEY, CONFIG, e)).to.not.equal(configHash(KEY, CONFIG, SAMPLE()));
  });

  it("changes with the HMAC key", () => {
    expect(configHash("other-key", CONFIG, SAMPLE())).to.not.equal(
      configHash(KEY, CONFIG, SAMPLE()),
    );
  });

  it("is the HMAC-SHA256 of the stream under the given key", () => {
    const expected = createHmac("sha256", KEY).update(stream(CONFIG, SAMPLE())).digest("hex");
    expect(configHash(KEY, CONFIG, SAMPLE())).to.equal(expected);
  });

  it("prefixes the config with config:<byte length>:", () => {
    const config = "size: 1GB\n";
    expect(stream(config, new Map()).toString("utf8")).to.equal(`config:10:${config}`);
  });

  it("counts the config length in UTF-8 bytes, not characters", () => {
    expect(stream("é€", new Map()).toString("utf8")).to.equal("config:5:é€");
  });

  it("counts key and value lengths in bytes", () => {
    const tail = stream("", entries({ "s3:ключ": "значение" })).toString("utf8");
    expect(tail).to.equal("config:0:11:s3:ключ:16:значение");
  });

  it("sorts keys by UTF-8 bytes rather than UTF-16 code units", () => {
    // U+FF01 sorts after an astral character in UTF-16 (0xD83D...), before it in UTF-8 (EF < F0).
    const tail = stream("", entries({ "k:😀": "a", "k:！": "b" })).toString("utf8");
    expect(tail).to.equal("config:0:5:k:！:1:b6:k:😀:1:a");
  });

  it("frames the E2 secret map of §4.5 as the operator does, without the gen: part", () => {
    const expected = Buffer.concat([
      Buffer.from(`config:${Buffer.byteLength(CONFIG)}:`),
      Buffer.from(CONFIG),
      Buffer.from(E2_TAIL),
    ]);
    expect(stream(CONFIG, E2()).toString("utf8")).to.equal(expected.toString("utf8"));
    expect(configHash(KEY, CONFIG, E2())).to.equal(
      createHmac("sha256", KEY).update(expected).digest("hex"),
    );
  });

  const pairs: Array<[string, [string, Map<string, Buffer>], [string, Map<string, Buffer>]]> = [
    ["entry bytes moved into the config", ["X", entries({ k: "v" })], ["Xk", entries({ "": "v" })]],
    [
      "bytes moved between the config and the first key",
      ["ab", entries({ cd: "e" })],
      ["abc", entries({ d: "e" })],
    ],
    [
      "bytes moved between a key and its value",
      ["", entries({ ab: "c" })],
      ["", entries({ a: "bc" })],
    ],
    [
      "bytes moved between two entries",
      [CONFIG, entries({ a: "1b", c: "2" })],
      [CONFIG, entries({ a: "1", bc: "2" })],
    ],
  ];
  for (const [title, [c1, e1], [c2, e2]] of pairs) {
    it(`keeps inputs apart whose naive concatenation is identical: ${title}`, () => {
      expect(naive(c1, e1).equals(naive(c2, e2)), "the pair must collide naively").to.equal(true);
      expect(configHash(KEY, c1, e1)).to.not.equal(configHash(KEY, c2, e2));
    });
  }

  it("keeps a config that spells out an entry apart from that entry (the operator's framing would not)", () => {
    // Operator-style stream for both: "X1:k:1:v" (config, then entries, no config length).
    const a = configHash(KEY, "X1:k:1:v", new Map());
    const b = configHash(KEY, "X", entries({ k: "v" }));
    expect(a).to.not.equal(b);
  });
});
