/**
 * Acceptance fact 40 of the v0.29 delta (the config hash), and the config texts the hash is computed over: the
 * default 326-byte config and the 1283-byte worked example with every optional block on.
 *
 * The operator's digest is SHA-256 over config, entries and `gen:<generation>`; this package's is HMAC-SHA256 with a
 * key kept in state, over a length-prefixed config and the same entries, without a generation
 * (differences: config-hash). So fact 40 is tested as its framing and entries: the package's config and hash entries,
 * put through the operator's framing (written out in support.ts), give the operator's worked digests exactly; the
 * package's own digest is the HMAC of `hashStream` and changes with every entry.
 */
import { expect } from "chai";
import { createHmac } from "crypto";
import { configHash, hashStream } from "../../../src/hash";
import { TEST_HASH_KEY, renderV029 as render } from "../../helpers/render";
import { valueOf } from "../../helpers/mocks";
import {
  ADMIN_VALUE,
  DEFAULT_CONFIG,
  DEFAULT_CONFIG_SHA256,
  DEFAULT_SPEC,
  hashInputs,
  JWT_VALUE,
  operatorDigest,
  sha256,
  WORKED_CONFIG,
  WORKED_SECRETS,
  WORKED_SPEC,
} from "./support";
import { config, statefulSet } from "../../helpers/objects";
import { deployV029 } from "../../helpers/component";

/** The sample `ditto.io_v1alpha1_dittoserver.yaml`'s references, on the default spec. */
const SAMPLE_ARGS = {
  ...DEFAULT_SPEC,
  identity: {
    jwt: { secretRef: { name: "dittofs-jwt-secret", key: "secret" } },
    admin: { passwordSecretRef: { name: "dittofs-admin-secret", key: "password" } },
  },
};
/** `dittofs_secrets.yaml`'s values. */
const SAMPLE_SECRETS = {
  "dittofs-jwt-secret": { secret: JWT_VALUE },
  "dittofs-admin-secret": { password: ADMIN_VALUE },
};

const D0 = "104add039e8ea5c1b90945a1b9b9c91b34bc3f201373d243f762eaadb85a4242";
const D1 = "440c4e54eeb70fa58c19da3cce1dc4f18646d4e16be41b5c3ad1f36de745466f";
const D2 = "38079e9c0200b308b8508b492c67363c2571725fb59f4ccf71db45a9bf9ed586";
const D3 = "37740d408def968fee44e704dfe806610f8f34298a880b02c6d722b7105d5441";
const D4 = "b0be30f375d2cfdaa5d66c3ad93e3f062e96c3a55d6e2e3d5b711461771b06b4";
const D5 = "7971ebcb7baad37119358cc46361cda5b31ee9f77161e85af55804fd5af3e1ba";

const utf8 = (s: string) => Buffer.from(s, "utf8");

describe("v0.29 acceptance fact 40: the config hash (framing and entries) and the configs it covers", () => {
  it("fact 40: the default spec with the sample's Secrets hashes entries exactly {jwt:secret, admin:password}: the operator's framing at gen 1 gives D2 (38079e9c…)", () => {
    const { config: text, entries } = hashInputs("dittoserver-sample", SAMPLE_ARGS, SAMPLE_SECRETS);
    expect(text).to.equal(DEFAULT_CONFIG);
    expect([...entries.keys()].sort()).to.deep.equal(["admin:password", "jwt:secret"]);
    expect(entries.get("jwt:secret")).to.deep.equal(utf8(JWT_VALUE));
    expect(entries.get("admin:password")).to.deep.equal(utf8(ADMIN_VALUE));
    expect(operatorDigest(text, entries, 1)).to.equal(D2);
    // The framing itself, checked on the delta's other worked digests of the same config.
    expect(operatorDigest(DEFAULT_CONFIG, new Map(), 1)).to.equal(D0);
    expect(operatorDigest(DEFAULT_CONFIG, new Map([["jwt:secret", utf8(JWT_VALUE)]]), 1)).to.equal(
      D1,
    );
    expect(operatorDigest(text, entries, 2)).to.equal(D3);
  });

  it("fact 40: generated Secrets hash as jwt:jwt-secret and admin:password (the operator's D4 for the 43- and 24-character shapes)", () => {
    const generated = {
      jwtSecret: "0123456789abcdef0123456789ABCDEF0123456789_",
      adminInitialPassword: "AAAAAAAAAAAAAAAAAAAAAAAA",
    };
    const { config: text, entries } = hashInputs("hello", DEFAULT_SPEC, {}, generated);
    expect([...entries.keys()].sort()).to.deep.equal(["admin:password", "jwt:jwt-secret"]);
    expect(operatorDigest(text, entries, 1)).to.equal(D4);
  });

  it("fact 40: (differences: config-hash) the annotation is HMAC-SHA256 over hashStream: config:<len>: and the config, then each entry <len>:<key>:<len>:<bytes> in key order, no gen", async () => {
    const r = render("dittoserver-sample", SAMPLE_ARGS, SAMPLE_SECRETS);
    const { config: text, entries } = hashInputs("dittoserver-sample", SAMPLE_ARGS, SAMPLE_SECRETS);
    const stream = Buffer.concat(hashStream(text, entries)).toString("utf8");
    expect(stream).to.equal(
      `config:326:${DEFAULT_CONFIG}` +
        `14:admin:password:${ADMIN_VALUE.length}:${ADMIN_VALUE}` +
        `10:jwt:secret:${JWT_VALUE.length}:${JWT_VALUE}`,
    );
    expect(stream).to.not.contain("gen:");
    const hmac = createHmac("sha256", TEST_HASH_KEY).update(stream, "utf8").digest("hex");
    expect(r.configHash).to.equal(hmac);
    expect(configHash(TEST_HASH_KEY, text, entries)).to.equal(hmac);
    expect(statefulSet(r, "dittoserver-sample").spec.template.metadata.annotations).to.deep.equal({
      "dittofs.io/config-hash": hmac,
    });
    // Keyed: not the operator's digest, and another key gives another digest for the same inputs.
    expect(r.configHash).to.not.equal(D2);
    expect(configHash("another-key", text, entries)).to.not.equal(hmac);
    // The component: its configHash output is the pod template's annotation.
    const d = await deployV029("v029-fact40", SAMPLE_ARGS, SAMPLE_SECRETS);
    const sts = d.one("kubernetes:apps/v1:StatefulSet", "statefulset");
    expect(sts.inputs.spec.template.metadata.annotations["dittofs.io/config-hash"]).to.equal(
      await valueOf(d.server.configHash),
    );
  });

  it("fact 40: every hash entry of the worked example changes the digest when its bytes change; TLS and metrics-token Secrets do not", () => {
    const base = render("demo", WORKED_SPEC, WORKED_SECRETS).configHash;
    const { entries } = hashInputs("demo", WORKED_SPEC, WORKED_SECRETS);
    expect([...entries.keys()].sort()).to.deep.equal([
      "admin:password",
      "jwt:secret",
      "kerberos-keytab:demo-keytab:krb5.keytab",
      "kerberos-krb5:demo-krb5:krb5.conf",
      "kerberos-machine-keytab:demo-mkeytab:machine.keytab",
      "kerberos-machine-secret:demo-machine:password",
      "ldap:demo-ldap:password",
      "postgres:database",
      "postgres:host",
      "postgres:password",
      "postgres:user",
    ]);
    const changed = (secret: string, key: string) =>
      render("demo", WORKED_SPEC, {
        ...WORKED_SECRETS,
        [secret]: { ...WORKED_SECRETS[secret], [key]: `${WORKED_SECRETS[secret][key]}-changed` },
      }).configHash;
    const hashed: Array<[string, string]> = [
      ["demo-jwt", "secret"],
      ["demo-admin", "password"],
      ["demo-pg", "host"],
      ["demo-pg", "database"],
      ["demo-pg", "user"],
      ["demo-pg", "password"],
      ["demo-keytab", "krb5.keytab"],
      ["demo-krb5", "krb5.conf"],
      ["demo-machine", "password"],
      ["demo-mkeytab", "machine.keytab"],
      ["demo-ldap", "password"],
    ];
    for (const [secret, key] of hashed)
      expect(changed(secret, key), `${secret}/${key}`).to.not.equal(base);
    // Mounted Secrets the kubelet refreshes are not hashed, as the operator does.
    for (const [secret, key] of [
      ["demo-tls", "tls.crt"],
      ["demo-client-ca", "ca.crt"],
      ["demo-metrics", "token"],
    ])
      expect(changed(secret, key), `${secret}/${key}`).to.equal(base);
    // A key added to the PostgreSQL Secret is an entry too (every key is hashed).
    const extra = render("demo", WORKED_SPEC, {
      ...WORKED_SECRETS,
      "demo-pg": { ...WORKED_SECRETS["demo-pg"], sslmode: "disable" },
    }).configHash;
    expect(extra).to.not.equal(base);
    // Same inputs, same digest.
    expect(render("demo", WORKED_SPEC, WORKED_SECRETS).configHash).to.equal(base);
  });

  it("fact 40: the worked example's entries, without the LDAP entry (differences: hash-ldap-bind-password), over the operator's 1283-byte config give its D5 (7971ebcb…)", () => {
    const { entries } = hashInputs("demo", WORKED_SPEC, WORKED_SECRETS);
    const operatorEntries = new Map([...entries].filter(([k]) => !k.startsWith("ldap:")));
    expect(operatorEntries.size).to.equal(entries.size - 1);
    expect(operatorDigest(WORKED_CONFIG, operatorEntries, 1)).to.equal(D5);
  });

  it("the default spec's config is exactly the 326 bytes of the default config (SHA-256 15724ae2…)", () => {
    const text = config(render("hello", DEFAULT_SPEC), "hello");
    expect(Buffer.byteLength(text, "utf8")).to.equal(326);
    expect(sha256(text)).to.equal(DEFAULT_CONFIG_SHA256);
  });

  it("the worked example's config is the operator's 1283 bytes exactly, but for (differences: postgres-placeholders) \"\" where the operator writes placeholder", () => {
    expect(Buffer.byteLength(WORKED_CONFIG, "utf8")).to.equal(1283);
    const r = render("demo", WORKED_SPEC, WORKED_SECRETS);
    const expected = WORKED_CONFIG.replace(/: placeholder$/gm, ': ""');
    expect(expected.match(/: ""$/gm)).to.have.length(4);
    expect(config(r, "demo")).to.equal(expected);
    expect(Buffer.byteLength(config(r, "demo"), "utf8")).to.equal(
      1283 - 4 * "placeholder".length + 4 * 2,
    );
    // The spec fragment leaves controlPlane.tls false: V2's warning, nothing else.
    expect(r.warnings).to.deep.equal([
      "controlPlane.certSecretName is set, so the API serves native TLS; the operator will connect over https regardless of controlPlane.tls",
    ]);
  });
});
