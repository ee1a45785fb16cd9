/**
 * The v0.29 model's config file beyond the acceptance facts: the LDAP and Kerberos blocks' key orders and omissions,
 * the database choice, and what never goes into the file.
 */
import { expect } from "chai";
import { DEFAULT_CONFIG, WORKED_SECRETS, WORKED_SPEC } from "../../acceptance/v029/support";
import type { PlainArgs } from "../../../src/resolve/component-fields";
import { config } from "../../helpers/objects";
import { renderV029 as render } from "../../helpers/render";

const STORAGE = { metadataSize: "10Gi" };
const KT = { kt: { k: "KEYTAB" }, m: { p: "machine-pw" } };
/** The config's lines after the default ones (the optional blocks), for a spec on top of the default. */
const appended = (args: PlainArgs, secrets = {}) => {
  const text = config(render("cfg", { storage: STORAGE, ...args }, secrets), "cfg");
  expect(text.startsWith(DEFAULT_CONFIG), text).to.equal(true);
  return text.slice(DEFAULT_CONFIG.length);
};

describe("v0.29 model: server config", () => {
  it("ldap not enabled is still rendered (startTLS alone): enabled false, url, start_tls, base_dn, bind_dn", () => {
    expect(
      appended({
        identity: { ldap: { url: "ldap://x:389", baseDN: "dc=x", bindDN: "cn=y", startTLS: true } },
      }),
    ).to.equal(
      "ldap:\n    enabled: false\n    url: ldap://x:389\n    start_tls: true\n    base_dn: dc=x\n    bind_dn: cn=y\n",
    );
  });

  it("ldap: every key in the operator's order; tls only with caCertFile or insecureSkipVerify", () => {
    expect(
      appended({
        identity: {
          ldap: {
            enabled: true,
            url: "ldaps://dc:636",
            startTLS: true,
            allowPlaintext: true,
            baseDN: "dc=x",
            bindDN: "cn=y",
            userAttr: "uid",
            realm: "EXAMPLE.COM",
            idmap: "rfc2307",
            nestedGroups: true,
            caCertFile: "/etc/ldap/ca.crt",
            insecureSkipVerify: true,
          },
        },
      }),
    ).to.equal(
      [
        "ldap:",
        "    enabled: true",
        "    url: ldaps://dc:636",
        "    start_tls: true",
        "    allow_plaintext: true",
        "    base_dn: dc=x",
        "    bind_dn: cn=y",
        "    user_attr: uid",
        "    realm: EXAMPLE.COM",
        "    idmap: rfc2307",
        "    nested_groups: true",
        "    tls:",
        "        ca_cert_file: /etc/ldap/ca.crt",
        "        insecure_skip_verify: true",
        "",
      ].join("\n"),
    );
    expect(
      appended({
        identity: {
          ldap: { url: "ldap://x", baseDN: "dc=x", bindDN: "cn=y", insecureSkipVerify: true },
        },
      }),
    ).to.contain("    bind_dn: cn=y\n    tls:\n        insecure_skip_verify: true\n");
    expect(
      appended({
        identity: {
          ldap: {
            url: "ldap://x",
            baseDN: "dc=x",
            bindDN: "cn=y",
            caCertFile: "",
            insecureSkipVerify: false,
          },
        },
      }),
    ).to.not.contain("tls:");
  });

  it("kerberos: keytab_path, service_principal, realm, netbios_domain, dns_domain, krb5_conf (a path when no Secret), machine_account", () => {
    expect(
      appended(
        {
          identity: {
            kerberos: {
              enabled: true,
              servicePrincipal: "nfs/h@R",
              keytabSecretRef: { name: "kt", key: "k" },
              dnsDomain: "example.com",
              krb5Conf: "/etc/krb5-custom.conf",
              machineAccount: {
                enabled: true,
                accountName: "A$",
                secretRef: { name: "m", key: "p" },
              },
            },
          },
        },
        KT,
      ),
    ).to.equal(
      [
        "kerberos:",
        "    enabled: true",
        "    keytab_path: /kerberos/dittofs.keytab",
        "    service_principal: nfs/h@R",
        "    dns_domain: example.com",
        "    krb5_conf: /etc/krb5-custom.conf",
        "    machine_account:",
        "        enabled: true",
        "        account_name: A$",
        "",
      ].join("\n"),
    );
  });

  it("kerberos: a krb5ConfSecretRef wins over krb5Conf; a disabled machine account is left out", () => {
    const text = appended(
      {
        identity: {
          kerberos: {
            enabled: true,
            servicePrincipal: "nfs/h@R",
            keytabSecretRef: { name: "kt", key: "k" },
            krb5ConfSecretRef: { name: "k5", key: "krb5.conf" },
            krb5Conf: "/etc/ignored.conf",
            machineAccount: { enabled: false, accountName: "A$" },
          },
        },
      },
      { ...KT, k5: { "krb5.conf": "[libdefaults]\n" } },
    );
    expect(text).to.contain("    krb5_conf: /kerberos-krb5/krb5.conf\n");
    expect(text).to.not.contain("ignored");
    expect(text).to.not.contain("machine_account");
  });

  it("database: sqlite's own path while SQLite is used; the default path when type postgres has no connection", () => {
    const custom = config(
      render("cfg", {
        storage: STORAGE,
        database: { sqlite: { path: "/data/controlplane/other.db" } },
      }),
      "cfg",
    );
    expect(custom).to.contain(
      "    type: sqlite\n    sqlite:\n        path: /data/controlplane/other.db\n",
    );
    const noConnection = render("cfg", {
      storage: STORAGE,
      database: { type: "postgres", sqlite: { path: "/data/controlplane/other.db" } },
    });
    expect(config(noConnection, "cfg")).to.equal(DEFAULT_CONFIG);
    // Said, as the Feb model says it (the operator falls back silently).
    expect(noConnection.warnings).to.deep.equal([
      "spec.database.type is 'postgres' but no connection is given (spec.database.postgresSecretRef) - SQLite will be used, as the operator does",
    ]);
    // Percona's database or a passed connection is a connection.
    const percona = render("cfg", {
      storage: STORAGE,
      database: { type: "postgres" },
      percona: { enabled: true },
    });
    expect(config(percona, "cfg")).to.contain("    type: postgres\n");
    expect(percona.warnings).to.deep.equal([]);
  });

  it("logging: format and output as given", () => {
    const text = config(
      render("cfg", {
        storage: STORAGE,
        logging: { level: "WARN", format: "text", output: "stderr" },
      }),
      "cfg",
    );
    expect(
      text.startsWith("logging:\n    level: WARN\n    format: text\n    output: stderr\n"),
    ).to.equal(true);
  });

  it("never a secret value or the server's name (the worked example, every Secret referenced)", () => {
    // Distinct values, long enough for the JWT and password checks.
    const secrets = Object.fromEntries(
      Object.entries(WORKED_SECRETS).map(([secret, data]) => [
        secret,
        Object.fromEntries(
          Object.keys(data).map((key) => [key, `never-in-config-${secret}-${key}-0123456789`]),
        ),
      ]),
    );
    const text = config(render("demo-server-name", WORKED_SPEC, secrets), "demo-server-name");
    expect(text).to.not.contain("never-in-config");
    expect(text).to.not.contain("demo-server-name");
  });
});
