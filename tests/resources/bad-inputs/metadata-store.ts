/** Bad inputs of `dittofs:index:MetadataStore`: each refused at check with its field path, or by the server. */
import type { BadInput } from "./types";

const T = "dittofs:index:MetadataStore";
/** A password no failure may show. */
export const PG_PASSWORD = "pg-secret-Zq81xW";
const pg = { host: "db.example.com", database: "dittofs", user: "dittofs", password: PG_PASSWORD };

export const METADATA_STORE_BAD_INPUTS: BadInput[] = [
  {
    title: "an unknown store type",
    type: T,
    inputs: { name: "meta", type: "redis" },
    property: "type",
    reason: /must be one of memory, badger, sqlite, postgres/,
  },
  {
    title: "badger without its settings",
    type: T,
    inputs: { name: "meta", type: "badger" },
    property: "badger",
    reason: /is required when type is badger/,
  },
  {
    title: "a relative badger path",
    type: T,
    inputs: { name: "meta", type: "badger", badger: { path: "data/meta" } },
    property: "badger.path",
    reason: /must match \^\//,
  },
  {
    title: "postgres settings on a memory store",
    type: T,
    inputs: { name: "meta", type: "memory", postgres: pg },
    property: "postgres",
    reason: /is for type postgres; this store's type is memory/,
  },
  {
    title: "postgres without a password",
    type: T,
    inputs: { name: "meta", type: "postgres", postgres: { ...pg, password: undefined } },
    property: "postgres.password",
    reason: /is required/,
  },
  {
    title: "a postgres port out of range",
    type: T,
    inputs: { name: "meta", type: "postgres", postgres: { ...pg, port: 70000 } },
    property: "postgres.port",
    reason: /65535/,
  },
  {
    title: "an sslmode libpq does not know",
    type: T,
    inputs: { name: "meta", type: "postgres", postgres: { ...pg, sslmode: "on" } },
    property: "postgres.sslmode",
    reason: /must be one of disable, allow, prefer, require, verify-ca, verify-full/,
  },
  {
    title: "more kept connections than pooled ones",
    type: T,
    inputs: { name: "meta", type: "postgres", postgres: { ...pg, minConns: 10, maxConns: 4 } },
    property: "postgres.minConns",
    reason: /10 is more than postgres.maxConns \(4\)/,
  },
  {
    title: "a name with a slash (the REST path could never address it)",
    type: T,
    inputs: { name: "team/meta", type: "memory" },
    property: "name",
    reason: /must match/,
  },
  {
    title: "an empty name (the server requires one)",
    type: T,
    inputs: { name: "", type: "memory" },
    property: "name",
    reason: /must be at least 1 characters/,
  },
  {
    title: "a name that is a path segment",
    type: T,
    inputs: { name: "..", type: "memory" },
    property: "name",
    reason: /must match/,
  },
  {
    title: "a password that is not a string",
    type: T,
    inputs: { name: "meta", type: "postgres", postgres: { ...pg, password: 12345678 } },
    property: "postgres.password",
    reason: /\(a secret value\) must be a string/,
  },
  {
    title: "a badger directory the server cannot create",
    type: T,
    inputs: { name: "bad-badger", type: "badger", badger: { path: "/proc/dittofs-meta" } },
    property: "badger.path",
    reason: /HTTP 400.*Failed to create metadata store/,
    serverOnly: true,
  },
  {
    title: "a PostgreSQL that refuses the connection",
    type: T,
    inputs: {
      name: "bad-pg",
      type: "postgres",
      postgres: { ...pg, host: "127.0.0.1", port: 1 },
    },
    property: "postgres",
    reason: /HTTP 400.*Failed to create metadata store/,
    serverOnly: true,
  },
];
