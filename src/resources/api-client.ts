/**
 * A client of a DittoFS server's REST API (v0.29): logs in with the provider's credentials, reuses the access token
 * until the server refuses it, and turns every failure into an ApiError with the HTTP status and the server's own
 * message — never a credential, never a request body.
 */
import * as http from "http";
import * as https from "https";
import type { Connection } from "./connection";

export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    /** The HTTP status; 0 when no answer came. */
    readonly status: number,
    readonly detail: string,
  ) {
    super(`${method} ${path}: ${status === 0 ? "" : `HTTP ${status}: `}${detail}`);
    this.name = "ApiError";
  }
}

/** The message of a problem+json (or plain text) error body. */
export function serverMessage(status: number, body: string): string {
  try {
    const p = JSON.parse(body) as Record<string, unknown>;
    const parts = [p.title, p.detail ?? p.error ?? p.message].filter(
      (x): x is string => typeof x === "string" && x !== "",
    );
    if (parts.length > 0) return parts.join(": ");
  } catch {
    // Not JSON: the text itself.
  }
  const text = body.trim();
  return text ? text.slice(0, 500) : (http.STATUS_CODES[status] ?? "error");
}

interface Answer {
  status: number;
  text: string;
}

export class ApiClient {
  private token: string | undefined;

  constructor(private readonly connection: Connection) {}

  get endpoint(): string {
    return this.connection.endpoint;
  }

  private send(method: string, path: string, body: unknown, token?: string): Promise<Answer> {
    const url = new URL(this.connection.endpoint.replace(/\/+$/, "") + path);
    const secure = url.protocol === "https:";
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const seconds = this.connection.timeoutSeconds;
    return new Promise((resolve, reject) => {
      const request = (secure ? https : http).request(
        url,
        {
          method,
          headers: {
            accept: "application/json",
            ...(payload
              ? { "content-type": "application/json", "content-length": payload.length }
              : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          ...(secure
            ? {
                ca: this.connection.caCertificate,
                rejectUnauthorized: !this.connection.insecureSkipVerify,
              }
            : {}),
          timeout: seconds * 1000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (c: Buffer) => chunks.push(c));
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              text: Buffer.concat(chunks).toString("utf8"),
            }),
          );
          response.on("error", reject);
        },
      );
      request.on("timeout", () => request.destroy(new Error(`no answer within ${seconds} s`)));
      request.on("error", (e) =>
        reject(new ApiError(method, url.pathname, 0, `cannot reach ${url.origin}: ${e.message}`)),
      );
      if (payload) request.write(payload);
      request.end();
    });
  }

  private async login(): Promise<string> {
    const { username, password } = this.connection;
    const path = "/api/v1/auth/login";
    const r = await this.send("POST", path, { username, password });
    if (r.status !== 200)
      throw new ApiError(
        "POST",
        path,
        r.status,
        `${serverMessage(r.status, r.text)} (logging in as ${JSON.stringify(username)})`,
      );
    return (JSON.parse(r.text) as { access_token: string }).access_token;
  }

  /** A request with the session's token: logs in first, and once more when the server refuses the token. */
  private async authorized(method: string, path: string, body?: unknown): Promise<Answer> {
    this.token ??= await this.login();
    let r = await this.send(method, path, body, this.token);
    if (r.status === 401) {
      this.token = await this.login();
      r = await this.send(method, path, body, this.token);
    }
    return r;
  }

  /**
   * The parsed body of a 2xx answer (undefined when empty). Any other status is an ApiError, except the `allowed`
   * ones, which return undefined (a 404 on a read: the object is gone).
   */
  async call<T>(
    method: string,
    path: string,
    body?: unknown,
    allowed: number[] = [],
  ): Promise<T | undefined> {
    const r = await this.authorized(method, path, body);
    if (r.status >= 200 && r.status < 300)
      return r.text.trim() ? (JSON.parse(r.text) as T) : undefined;
    if (allowed.includes(r.status)) return undefined;
    throw new ApiError(method, path, r.status, serverMessage(r.status, r.text));
  }

  get<T>(path: string): Promise<T | undefined> {
    return this.call<T>("GET", path, undefined, [404]);
  }
}

/**
 * A path segment as the server's router reads it. Escaped exactly as Go escapes a path (plus `/`): when the raw path
 * differs from Go's own escaping, Go keeps it as RawPath and the router (chi) hands the handlers the still-escaped
 * segment, which most handlers do not unescape (`alice@corp` sent as `alice%40corp` would be a user not found).
 */
export function seg(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~$&+,:;=@]/.test(c)
      ? c
      : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
