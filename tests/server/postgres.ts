/**
 * A throw-away PostgreSQL from Debian's packages for the Postgres case: its own network namespace (`dfs-ct-db`,
 * 10.213.250.2), listening on that address only (plus a Unix socket for setup), inside the test run's private network
 * namespace, so nothing outside this test can reach it. `initdb` refuses root, so the cluster belongs to the
 * `postgres` user.
 */
import { execFileSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";

const BINDIRS = ["/usr/lib/postgresql"];

/** The bin directory of the newest installed PostgreSQL, or undefined. */
export function postgresBin(): string | undefined {
  for (const root of BINDIRS) {
    if (!fs.existsSync(root)) continue;
    const versions = fs
      .readdirSync(root)
      .filter((v) => fs.existsSync(path.join(root, v, "bin", "pg_ctl")))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length > 0) return path.join(root, versions[0], "bin");
  }
  return undefined;
}

/** Why a local PostgreSQL cannot run here (empty when it can). */
export function postgresUnavailable(): string {
  if (!postgresBin()) return "PostgreSQL is not installed (Debian: apt-get install postgresql)";
  try {
    execFileSync("id", ["postgres"], { stdio: "pipe" });
  } catch {
    return "no `postgres` user to own the cluster (initdb refuses root)";
  }
  return "";
}

export interface PostgresConnection {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  sslmode: string;
  url: string;
}

export class LocalPostgres {
  readonly host = "10.213.250.2";
  readonly port = 5432;
  private readonly ns = "dfs-ct-db";
  private readonly data: string;
  private readonly socketDir: string;

  constructor(dir: string) {
    const bin = postgresBin()!;
    this.data = path.join(dir, "data");
    this.socketDir = path.join(dir, "socket");
    const ip = (...args: string[]) => execFileSync("ip", args, { stdio: "pipe" });
    ip("netns", "add", this.ns);
    ip("link", "add", "vctdb", "type", "veth", "peer", "name", "eth0", "netns", this.ns);
    ip("addr", "add", "10.213.250.1/24", "dev", "vctdb");
    ip("link", "set", "vctdb", "up");
    ip("-n", this.ns, "link", "set", "lo", "up");
    ip("-n", this.ns, "addr", "add", `${this.host}/24`, "dev", "eth0");
    ip("-n", this.ns, "link", "set", "eth0", "up");
    ip("-n", this.ns, "route", "add", "default", "via", "10.213.250.1");

    fs.mkdirSync(this.socketDir, { recursive: true });
    fs.chmodSync(dir, 0o755);
    execFileSync("chown", ["-R", "postgres:postgres", dir]);
    const asPostgres = (cmd: string, args: string[], input?: string) =>
      execFileSync(
        "ip",
        ["netns", "exec", this.ns, "setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", path.join(bin, cmd), ...args],
        { stdio: "pipe", input, cwd: dir, env: { PATH: process.env.PATH, LANG: "C.UTF-8" } },
      ); // prettier-ignore
    asPostgres("initdb", ["-D", this.data, "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8"]); // prettier-ignore
    fs.appendFileSync(
      path.join(this.data, "pg_hba.conf"),
      "host all all 10.213.0.0/16 scram-sha-256\n",
    );
    asPostgres("pg_ctl", [
      "-D", this.data, "-l", path.join(dir, "postgres.log"), "-w", "start",
      "-o", `-c listen_addresses=${this.host} -c port=${this.port} -c unix_socket_directories=${this.socketDir}`,
    ]); // prettier-ignore
    const psqlArgs = [
      "-h",
      this.socketDir,
      "-p",
      String(this.port),
      "-U",
      "postgres",
      "-v",
      "ON_ERROR_STOP=1",
      "-q",
    ];
    this.psql = (sql, database = "postgres") =>
      asPostgres("psql", [...psqlArgs, "-tA", "-d", database], sql)
        .toString("utf8")
        .trim();
    this.stopCmd = () => asPostgres("pg_ctl", ["-D", this.data, "-m", "fast", "-w", "stop"]);
  }

  private readonly stopCmd: () => void;
  private readonly psql: (sql: string, database?: string) => string;

  /**
   * A new database and its owner with a random password (the value the tests keep out of everything but Secrets;
   * it goes to psql through stdin, never on a command line): its parts, and its URL as a user would put it in a
   * Secret.
   */
  database(name: string, sslmode = "disable"): PostgresConnection {
    const password = crypto.randomBytes(18).toString("base64url");
    this.psql(
      `CREATE ROLE ${name} LOGIN PASSWORD '${password}';\nCREATE DATABASE ${name} OWNER ${name};\n`,
    );
    const url = `postgres://${name}:${encodeURIComponent(password)}@${this.host}:${this.port}/${name}?sslmode=${sslmode}`;
    return { host: this.host, port: this.port, database: name, user: name, password, sslmode, url };
  }

  /** Tables the server created in a database. */
  tables(database: string): string[] {
    const sql =
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1;";
    return this.psql(sql, database).split("\n").filter(Boolean);
  }

  stop(): void {
    try {
      this.stopCmd();
    } finally {
      execFileSync("ip", ["netns", "del", this.ns], { stdio: "pipe" });
    }
  }
}
