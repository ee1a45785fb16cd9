/**
 * A stand-in S3 endpoint for the store tests (no real bucket is reachable here): answers every request 200, and
 * records which of the candidate secret keys signed it (AWS Signature V4), so a test can tell which secret the server
 * holds although the server never shows it.
 */
import * as crypto from "crypto";
import * as http from "http";
import type { AddressInfo } from "net";

export interface S3Request {
  method: string;
  path: string;
  accessKeyId: string;
  /** The candidate secret that signed it; undefined when none did. */
  signedWith?: string;
}

const hmac = (key: crypto.BinaryLike, data: string): Buffer =>
  crypto.createHmac("sha256", key).update(data).digest();
const sha256 = (data: string): string => crypto.createHash("sha256").update(data).digest("hex");

/** The SigV4 signature of a request with `secretKey`, from what its Authorization header says it signed. */
function signature(
  req: http.IncomingMessage,
  secretKey: string,
  auth: Record<string, string>,
): string {
  const [, date, region, service] = auth.Credential.split("/");
  const url = new URL(req.url ?? "/", "http://x");
  const query = [...url.searchParams.entries()]
    .map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const signed = auth.SignedHeaders.split(";");
  const headers = signed
    .map((h) => {
      const v = req.headers[h];
      return `${h}:${(Array.isArray(v) ? v.join(",") : (v ?? "")).trim().replace(/\s+/g, " ")}\n`;
    })
    .join("");
  const canonical = [
    req.method,
    url.pathname,
    query,
    headers,
    auth.SignedHeaders,
    String(req.headers["x-amz-content-sha256"] ?? "UNSIGNED-PAYLOAD"),
  ].join("\n");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = [
    "AWS4-HMAC-SHA256",
    String(req.headers["x-amz-date"]),
    scope,
    sha256(canonical),
  ].join("\n");
  let key = hmac(`AWS4${secretKey}`, date);
  for (const part of [region, service, "aws4_request"]) key = hmac(key, part);
  return crypto.createHmac("sha256", key).update(toSign).digest("hex");
}

export class FakeS3 {
  readonly requests: S3Request[] = [];

  private constructor(
    private readonly server: http.Server,
    /** The secrets a request may be signed with. */
    readonly candidates: string[],
  ) {}

  static async start(candidates: string[]): Promise<FakeS3> {
    const server = http.createServer();
    const fake = new FakeS3(server, candidates);
    server.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
      fake.record(req);
      req.resume();
      res.writeHead(200, { "content-length": "0" }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "0.0.0.0", resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  private record(req: http.IncomingMessage): void {
    const header = String(req.headers.authorization ?? "");
    const auth: Record<string, string> = {};
    for (const part of header.replace(/^AWS4-HMAC-SHA256\s+/, "").split(/,\s*/)) {
      const at = part.indexOf("=");
      auth[part.slice(0, at)] = part.slice(at + 1);
    }
    const accessKeyId = (auth.Credential ?? "").split("/")[0];
    const signedWith = auth.Signature
      ? this.candidates.find((s) => signature(req, s, auth) === auth.Signature)
      : undefined;
    this.requests.push({ method: req.method ?? "", path: req.url ?? "", accessKeyId, signedWith });
  }

  /** The last request, which the latest probe made. */
  get last(): S3Request | undefined {
    return this.requests[this.requests.length - 1];
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
