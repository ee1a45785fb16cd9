/**
 * A throw-away certificate authority for the TLS cases, made with the `openssl` CLI at test time (Node's crypto
 * cannot issue X.509 certificates) in a private temporary directory that `dispose()` removes: nothing is committed.
 * ECDSA P-256 keys, one day of validity.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface KeyPair {
  /** PEM certificate. */
  cert: string;
  /** PEM private key (PKCS#8). */
  key: string;
}

/** Why certificates cannot be made here (empty when they can). */
export function pkiUnavailable(): string {
  try {
    execFileSync("openssl", ["version"], { stdio: "pipe" });
    return "";
  } catch {
    return "openssl is not installed (Debian: apt-get install openssl): the TLS cases make their certificates with it";
  }
}

export class TestPki {
  /** The CA's PEM certificate: what a client trusts (`ca.crt`). */
  readonly caCert: string;
  private readonly dir: string;
  private issued = 0;

  constructor(readonly commonName = "dittofs contract test CA") {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "dittofs-pki-"));
    fs.chmodSync(this.dir, 0o700);
    this.openssl([
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
      "-keyout", this.file("ca.key"), "-out", this.file("ca.crt"), "-days", "1", "-subj", `/CN=${commonName}`,
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    ]); // prettier-ignore
    this.caCert = fs.readFileSync(this.file("ca.crt"), "utf8");
  }

  private file(name: string): string {
    return path.join(this.dir, name);
  }

  private openssl(args: string[]): void {
    execFileSync("openssl", args, { stdio: "pipe", cwd: this.dir });
  }

  /** A certificate the CA signs, with the given subject and extensions. */
  private issue(subject: string, extensions: string[]): KeyPair {
    const n = ++this.issued;
    const [key, csr, crt, ext] = ["key", "csr", "crt", "ext"].map((e) => this.file(`${n}.${e}`));
    fs.writeFileSync(ext, extensions.join("\n") + "\n");
    this.openssl([
      "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
      "-keyout", key, "-out", csr, "-subj", subject,
    ]); // prettier-ignore
    this.openssl([
      "x509", "-req", "-in", csr, "-CA", this.file("ca.crt"), "-CAkey", this.file("ca.key"),
      "-set_serial", String(1000 + n), "-days", "1", "-out", crt, "-extfile", ext,
    ]); // prettier-ignore
    return { cert: fs.readFileSync(crt, "utf8"), key: fs.readFileSync(key, "utf8") };
  }

  /** A server certificate for these DNS names (what cert-manager issues for a Service). */
  server(dnsNames: string[]): KeyPair {
    return this.issue(`/CN=${dnsNames[0]}`, [
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature",
      "extendedKeyUsage=serverAuth",
      `subjectAltName=${dnsNames.map((d) => `DNS:${d}`).join(",")}`,
    ]);
  }

  /** A client certificate (mTLS). */
  client(commonName: string): KeyPair {
    return this.issue(`/CN=${commonName}`, [
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature",
      "extendedKeyUsage=clientAuth",
    ]);
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The DNS names a client in the cluster uses for a Service. */
export function serviceDnsNames(service: string, namespace: string): string[] {
  return [
    service,
    `${service}.${namespace}`,
    `${service}.${namespace}.svc`,
    `${service}.${namespace}.svc.cluster.local`,
  ];
}
