/**
 * Splits a PostgreSQL connection string into the parts the server reads: it has no URL/DSN form, only
 * `database.postgres.{host, port, database, user, password, sslmode}`. Accepts a URL (`postgres://` or
 * `postgresql://`) or a libpq `key=value` string. Errors never contain the input (it holds a password).
 */
export interface PostgresParts {
  host: string;
  port: string;
  database: string;
  user: string;
  password: string;
  sslmode: string;
}

const DEFAULT_PORT = "5432";

export class PostgresConnectionError extends Error {}

function fromUrl(text: string): PostgresParts {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PostgresConnectionError("is not a valid postgres:// URL");
  }
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      throw new PostgresConnectionError("has an invalid percent-encoding");
    }
  };
  return {
    host: decode(url.hostname.replace(/^\[(.*)\]$/, "$1")),
    port: url.port || DEFAULT_PORT,
    database: decode(url.pathname.replace(/^\//, "")),
    user: decode(url.username),
    password: decode(url.password),
    sslmode: url.searchParams.get("sslmode") ?? "",
  };
}

/** libpq keyword/value form: `host=db port=5432 dbname=app user=me password='a b\'c'`. */
function fromKeyValue(text: string): PostgresParts {
  const values: Record<string, string> = {};
  let i = 0;
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  while (true) {
    skipSpace();
    if (i >= text.length) break;
    const keyStart = i;
    while (i < text.length && /[A-Za-z_]/.test(text[i])) i++;
    const key = text.slice(keyStart, i);
    skipSpace();
    if (!key || text[i] !== "=")
      throw new PostgresConnectionError("is neither a postgres:// URL nor key=value pairs");
    i++;
    skipSpace();
    let value = "";
    if (text[i] === "'") {
      i++;
      while (i < text.length && text[i] !== "'") {
        if (text[i] === "\\" && i + 1 < text.length) i++;
        value += text[i++];
      }
      if (text[i] !== "'") throw new PostgresConnectionError("has an unterminated quoted value");
      i++;
    } else {
      while (i < text.length && !/\s/.test(text[i])) {
        if (text[i] === "\\" && i + 1 < text.length) i++;
        value += text[i++];
      }
    }
    values[key] = value;
  }
  return {
    host: values.host ?? values.hostaddr ?? "",
    port: values.port ?? DEFAULT_PORT,
    database: values.dbname ?? "",
    user: values.user ?? "",
    password: values.password ?? "",
    sslmode: values.sslmode ?? "",
  };
}

export function parsePostgresConnection(text: string): PostgresParts {
  const trimmed = text.trim();
  const parts = /^postgres(ql)?:\/\//i.test(trimmed) ? fromUrl(trimmed) : fromKeyValue(trimmed);
  const missing = (["host", "database", "user"] as const).filter((k) => parts[k] === "");
  if (missing.length > 0)
    throw new PostgresConnectionError(`has no ${missing.join(", ")} (the server requires them)`);
  if (!/^\d+$/.test(parts.port) || Number(parts.port) < 1 || Number(parts.port) > 65535) {
    throw new PostgresConnectionError("has a port outside 1-65535");
  }
  return parts;
}
