/**
 * `dittofs:index:MetadataStore`: where a share's file tree lives (memory, BadgerDB, SQLite or PostgreSQL), keyed by
 * name. The server opens the store when it is created; a later change of its configuration is saved and used from the
 * server's next start (the running store stays open as it was; the server does not check the new configuration). The PostgreSQL password is never shown by the
 * server (`********`): a refresh cannot see it change.
 */
import { ApiError, seg, type ApiClient } from "../api-client";
import { typeBlockFailures } from "./type-blocks";
import type { Failure, Observed, PropertySchema, ResourceKind } from "../kind";
import type { Plain } from "../wire";
import { bool, configOf, defined, mergedConfig, num, storeName, str } from "./store-config";

export interface BadgerConfig {
  path: string;
  blockCacheMb?: number;
  indexCacheMb?: number;
  relaxedDurability?: boolean;
}

export interface SqliteConfig {
  path: string;
}

export interface PostgresConfig {
  host: string;
  port?: number;
  database: string;
  user: string;
  password: string;
  sslmode?: string;
  maxConns?: number;
  minConns?: number;
  relaxedDurability?: boolean;
}

export interface MetadataStoreInputs {
  name: string;
  type: "memory" | "badger" | "sqlite" | "postgres";
  badger?: BadgerConfig;
  sqlite?: SqliteConfig;
  postgres?: PostgresConfig;
}

interface MetadataStoreResponse {
  id: string;
  name: string;
  type: string;
  config?: unknown;
}

const TYPES = ["memory", "badger", "sqlite", "postgres"] as const;
type Configured = "badger" | "sqlite" | "postgres";
const CONFIGURED: Configured[] = ["badger", "sqlite", "postgres"];

const path = (name: string): string => `/api/v1/store/metadata/${seg(name)}`;

const absolutePath = (what: string): PropertySchema => ({
  type: "string",
  minLength: 2,
  // The server resolves a relative path against its working directory, which is not on a volume.
  pattern: "^/",
  description: `The absolute path of the ${what} inside the server's container; put it on a persistent volume (the DittoServer mounts one at \`/data/store/metadata\`).`,
});

const relaxed: PropertySchema = {
  type: "boolean",
  default: true,
  description:
    "Defer the fsync of namespace operations for throughput (writes paired with data stay synchronous); `false` syncs every transaction. Defaults to `true`.",
};

const cacheMb = (which: string): PropertySchema => ({
  type: "integer",
  minimum: 0,
  maximum: 1048576,
  description: `The BadgerDB ${which} cache in MiB. Unset or \`0\`: sized from the server's settings and its memory.`,
});

/** The server's config keys each type's inputs cover (legacy spellings included, so an update replaces them). */
const MANAGED: Record<Configured, string[]> = {
  badger: ["path", "db_path", "block_cache_mb", "index_cache_mb", "relaxed_durability"],
  sqlite: ["path", "db_path"],
  postgres: [
    ...["host", "port", "database", "dbname", "user", "password", "sslmode"],
    ...["max_conns", "min_conns", "relaxed_durability"],
  ],
};

/** The server's config for the inputs (the managed keys). */
function configFor(i: MetadataStoreInputs): Plain {
  if (i.type === "badger" && i.badger)
    return defined({
      path: i.badger.path,
      block_cache_mb: i.badger.blockCacheMb,
      index_cache_mb: i.badger.indexCacheMb,
      relaxed_durability: i.badger.relaxedDurability,
    });
  if (i.type === "sqlite" && i.sqlite) return { path: i.sqlite.path };
  if (i.type === "postgres" && i.postgres) {
    const p = i.postgres;
    return defined({
      host: p.host,
      port: p.port ?? 5432,
      database: p.database,
      user: p.user,
      password: p.password,
      sslmode: p.sslmode ?? "disable",
      max_conns: p.maxConns,
      min_conns: p.minConns,
      relaxed_durability: p.relaxedDurability,
    });
  }
  return {};
}

/** The inputs as the server has them; defaults the server leaves out are shown as check fills them. */
function observed(
  s: MetadataStoreResponse,
  known: Partial<MetadataStoreInputs>,
): Observed<MetadataStoreInputs> {
  const c = configOf(s.config);
  const inputs: MetadataStoreInputs = { name: s.name, type: s.type as MetadataStoreInputs["type"] };
  const dbPath = str(c, "path") ?? str(c, "db_path");
  if (s.type === "badger")
    inputs.badger = defined({
      path: dbPath as string,
      blockCacheMb: num(c, "block_cache_mb"),
      indexCacheMb: num(c, "index_cache_mb"),
      relaxedDurability: bool(c, "relaxed_durability") ?? true,
    });
  if (s.type === "sqlite") inputs.sqlite = defined({ path: dbPath as string });
  if (s.type === "postgres")
    inputs.postgres = defined({
      host: str(c, "host") as string,
      port: num(c, "port") ?? 5432,
      database: (str(c, "database") ?? str(c, "dbname")) as string,
      user: str(c, "user") as string,
      // Never shown by the server: the one in the state.
      password: known.postgres?.password as string,
      sslmode: str(c, "sslmode") ?? "disable",
      maxConns: num(c, "max_conns"),
      minConns: num(c, "min_conns"),
      relaxedDurability: bool(c, "relaxed_durability") ?? true,
    });
  return { inputs: defined(inputs) };
}

export const metadataStore: ResourceKind<MetadataStoreInputs> = {
  name: "MetadataStore",
  description:
    "A metadata store of a DittoFS server: where the file tree of the shares that name it lives. The server opens it at create (a path it cannot use, or a PostgreSQL it cannot reach, fails the create); a later change of its configuration is saved without such a check and used from the server's next start, so a wrong path or connection then stops the server from starting. The server refuses to delete a store a share still uses (HTTP 409): delete or change those shares first. The PostgreSQL password is never shown by the server, so a refresh cannot detect a change made elsewhere.",
  inputs: {
    name: storeName("metadata store"),
    type: {
      type: "string",
      enum: [...TYPES],
      replaceOnChanges: true,
      description:
        "`memory` (lost when the server stops), `badger` (embedded BadgerDB, set `badger`), `sqlite` (embedded SQLite, set `sqlite`) or `postgres` (PostgreSQL, set `postgres`). A change replaces the store.",
    },
    badger: {
      type: "object",
      description: "BadgerDB settings; required when `type` is `badger`, refused otherwise.",
      properties: {
        path: absolutePath("BadgerDB directory"),
        blockCacheMb: cacheMb("block"),
        indexCacheMb: cacheMb("index"),
        relaxedDurability: relaxed,
      },
      required: ["path"],
      additionalProperties: false,
    },
    sqlite: {
      type: "object",
      description: "SQLite settings; required when `type` is `sqlite`, refused otherwise.",
      properties: { path: absolutePath("SQLite database file") },
      required: ["path"],
      additionalProperties: false,
    },
    postgres: {
      type: "object",
      description: "PostgreSQL connection; required when `type` is `postgres`, refused otherwise.",
      properties: {
        host: {
          type: "string",
          minLength: 1,
          maxLength: 253,
          pattern: "^[^\\s/]+$",
          description: "The PostgreSQL server's host name or address.",
        },
        port: {
          type: "integer",
          minimum: 1,
          maximum: 65535,
          default: 5432,
          description: "The PostgreSQL server's port. Defaults to `5432`.",
        },
        database: {
          type: "string",
          minLength: 1,
          maxLength: 63,
          description: "The database (created beforehand; the server creates its tables in it).",
        },
        user: {
          type: "string",
          minLength: 1,
          maxLength: 63,
          description: "The user to log in as.",
        },
        password: {
          type: "string",
          minLength: 1,
          secret: true,
          description:
            "The user's password. The server never shows it, so a refresh cannot detect a change made elsewhere.",
        },
        sslmode: {
          type: "string",
          enum: ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"],
          default: "disable",
          description: "libpq's `sslmode`. Defaults to `disable`.",
        },
        maxConns: {
          type: "integer",
          minimum: 1,
          maximum: 10000,
          description: "The largest number of pooled connections. Unset: the server's default.",
        },
        minConns: {
          type: "integer",
          minimum: 0,
          maximum: 10000,
          description: "The number of connections kept open. Unset: the server's default.",
        },
        relaxedDurability: relaxed,
      },
      required: ["host", "database", "user", "password"],
      additionalProperties: false,
    },
  },
  requiredInputs: ["name", "type"],

  id: (i) => i.name,
  keyOf(id) {
    if (!id || id.includes("/"))
      throw new Error(
        `a MetadataStore id is the store's name (\`<name>\`, no \`/\`), got ${JSON.stringify(id)}`,
      );
    return { name: id };
  },

  rules(i): Failure[] {
    const failures: Failure[] = [];
    failures.push(...typeBlockFailures(i.type, CONFIGURED, i));
    const p = i.postgres;
    if (p?.minConns !== undefined && p.maxConns !== undefined && p.minConns > p.maxConns)
      failures.push({
        property: "postgres.minConns",
        reason: `${p.minConns} is more than postgres.maxConns (${p.maxConns})`,
      });
    return failures;
  },

  async create(api: ApiClient, i) {
    const config = configFor(i);
    await api.call("POST", "/api/v1/store/metadata", {
      name: i.name,
      type: i.type,
      ...(Object.keys(config).length > 0 ? { config: JSON.stringify(config) } : {}),
    });
  },

  async read(api, id, known) {
    const s = await api.get<MetadataStoreResponse>(path(id));
    return s && observed(s, known);
  },

  async update(api, id, _olds, news) {
    const current = await api.call<MetadataStoreResponse>("GET", path(id));
    const managed = news.type === "memory" ? [] : MANAGED[news.type];
    const config = mergedConfig(configOf(current?.config), managed, configFor(news));
    await api.call("PUT", path(id), { config: JSON.stringify(config) });
  },

  async delete(api, id) {
    await api.call("DELETE", path(id)).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 409)
        throw new ApiError(
          e.method,
          e.path,
          e.status,
          `${e.detail} (delete or change those shares first)`,
        );
      throw e;
    });
  },
};
