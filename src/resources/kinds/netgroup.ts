/**
 * `dittofs:index:Netgroup`: a named list of NFS clients (IP addresses, CIDR ranges, host names) that shares' NFS
 * access rules refer to, keyed by name. The server has no update of a netgroup, only member additions and removals by
 * member id: an update adds the missing members and removes the extra ones, so a rerun converges.
 */
import * as net from "net";
import { seg, type ApiClient } from "../api-client";
import type { Failure, Observed, ResourceKind } from "../kind";

export interface NetgroupMember {
  type: string;
  value: string;
}

export interface NetgroupInputs {
  name: string;
  members?: NetgroupMember[];
}

interface NetgroupResponse {
  id: string;
  name: string;
  members?: { id: string; type: string; value: string }[];
}

// The server serves netgroups under any adapter type's path; they belong to NFS.
const BASE = "/api/v1/adapters/nfs/netgroups";
const path = (name: string): string => `${BASE}/${seg(name)}`;

const key = (m: NetgroupMember): string => `${m.type}:${m.value}`;

const HOST_LABEL = "[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?";
const HOSTNAME = new RegExp(`^(\\*\\.)?${HOST_LABEL}(\\.${HOST_LABEL})*$`);

/** Why a member's value is not of its type, or undefined when it is (as the server parses it, or stricter). */
function invalidValue(m: NetgroupMember): string | undefined {
  switch (m.type) {
    case "ip":
      // The server's parser takes no zone (`%eth0`); Node's does.
      return net.isIP(m.value) && !m.value.includes("%") ? undefined : "is not an IP address";
    case "cidr": {
      const [address, prefix, ...rest] = m.value.split("/");
      const family = net.isIP(address ?? "");
      const max = family === 6 ? 128 : 32;
      const ok =
        rest.length === 0 &&
        family !== 0 &&
        !address.includes("%") &&
        /^(0|[1-9][0-9]{0,2})$/.test(prefix ?? "") &&
        Number(prefix) <= max;
      return ok ? undefined : "is not a CIDR range (an address, `/`, a prefix length)";
    }
    case "hostname":
      return HOSTNAME.test(m.value)
        ? undefined
        : "is not a host name (labels of letters, digits, `-` and `_`, optionally starting with `*.`)";
  }
  return undefined;
}

/** The server's members in the order the inputs list them (a refresh of the same set shows no change). */
function ordered(found: NetgroupMember[], known: NetgroupMember[] | undefined): NetgroupMember[] {
  const rank = new Map((known ?? []).map((m, i) => [key(m), i]));
  return found
    .map((m, i) => ({ m, r: rank.get(key(m)) ?? (known?.length ?? 0) + i }))
    .sort((a, b) => a.r - b.r)
    .map(({ m }) => m);
}

function observed(g: NetgroupResponse, known: Partial<NetgroupInputs>): Observed<NetgroupInputs> {
  const members = (g.members ?? []).map((m) => ({ type: m.type, value: m.value }));
  return { inputs: { name: g.name, members: ordered(members, known.members) } };
}

async function addMembers(api: ApiClient, name: string, members: NetgroupMember[]) {
  for (const m of members) await api.call("POST", `${path(name)}/members`, m);
}

export const netgroup: ResourceKind<NetgroupInputs> = {
  name: "Netgroup",
  description:
    "A netgroup of a DittoFS server: a named set of NFS clients (IP addresses, CIDR ranges, host names with an optional `*.` wildcard) that shares' NFS access rules refer to. The server refuses to delete a netgroup a share still refers to.",
  inputs: {
    name: {
      type: "string",
      minLength: 1,
      maxLength: 255,
      // The server takes any name; a name that is also a URL path segment as written keeps its API paths plain.
      pattern: "^[A-Za-z0-9_][A-Za-z0-9_.-]*$",
      replaceOnChanges: true,
      description:
        "The netgroup's name, unique on the server (letters, digits, `_`, `.` and `-`). A change replaces the netgroup.",
    },
    members: {
      type: "array",
      default: [],
      description: "The clients in the netgroup, each listed once. Defaults to `[]`.",
      items: {
        type: "object",
        description: "A client: an IP address, a CIDR range or a host name.",
        properties: {
          type: {
            type: "string",
            enum: ["ip", "cidr", "hostname"],
            description: "`ip`, `cidr` or `hostname`.",
          },
          value: {
            type: "string",
            minLength: 1,
            maxLength: 255,
            description:
              "The address (`10.0.0.5`), range (`10.0.0.0/24`) or host name (`client1.example.com`, `*.example.com`).",
          },
        },
        required: ["type", "value"],
        additionalProperties: false,
      },
    },
  },
  requiredInputs: ["name"],

  id: (i) => i.name,
  keyOf(id) {
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(id))
      throw new Error(
        `a Netgroup id is the netgroup's name (letters, digits, \`_\`, \`.\` and \`-\`); got ${JSON.stringify(id)}`,
      );
    return { name: id };
  },

  rules(i): Failure[] {
    const failures: Failure[] = [];
    const seen = new Map<string, number>();
    (i.members ?? []).forEach((m, n) => {
      const why = invalidValue(m);
      if (why)
        failures.push({
          property: `members[${n}].value`,
          reason: `${JSON.stringify(m.value)} ${why}`,
        });
      const first = seen.get(key(m));
      if (first !== undefined)
        failures.push({
          property: `members[${n}]`,
          reason: `${m.type} ${JSON.stringify(m.value)} is listed already at members[${first}]`,
        });
      else seen.set(key(m), n);
    });
    return failures;
  },

  async create(api, i) {
    await api.call("POST", BASE, { name: i.name });
    await addMembers(api, i.name, i.members ?? []);
  },

  async read(api, id, known) {
    const g = await api.get<NetgroupResponse>(path(id));
    return g && observed(g, known);
  },

  async update(api, id, _olds, news) {
    // Against what the server has now (not the old inputs): a rerun after a failure, or drift, converges too.
    const g = await api.get<NetgroupResponse>(path(id));
    if (!g)
      throw new Error(
        `netgroup ${JSON.stringify(id)} is gone from the server; refresh to recreate it`,
      );
    const wanted = new Set((news.members ?? []).map(key));
    const have = new Set<string>();
    for (const m of g.members ?? []) {
      // A member listed twice on the server (made elsewhere) keeps one copy.
      if (wanted.has(key(m)) && !have.has(key(m))) have.add(key(m));
      else await api.call("DELETE", `${path(id)}/members/${seg(m.id)}`);
    }
    await addMembers(
      api,
      id,
      (news.members ?? []).filter((m) => !have.has(key(m))),
    );
  },

  async delete(api, id) {
    await api.call("DELETE", path(id));
  },
};
