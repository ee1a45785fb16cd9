/**
 * What every kind's create, read, update and delete share: adoption of an identical object on a 409 (only when the
 * inputs ask for it), a half-made create recorded so the next `up` finishes it, deletes that are done when the
 * object is already gone, and reads that say "gone" for a refresh.
 */
import { isDeepStrictEqual } from "util";
import { ApiError, type ApiClient } from "./api-client";
import type { ResourceKind } from "./kind";
import type { Plain } from "./wire";

/** The object exists on the server but a later step of its create failed: the engine records it and updates it next. */
export class InitFailed extends Error {
  constructor(
    readonly id: string,
    readonly outputs: Plain,
    readonly reasons: string[],
  ) {
    super(reasons.join("; "));
  }
}

export interface Created {
  id: string;
  outputs: Plain;
}

const token = (kind: ResourceKind<any>): string => `dittofs:index:${kind.name}`;

/** Inputs the server does not hold (they say how the provider acts). */
function serverInputs(kind: ResourceKind<any>, inputs: Plain): Plain {
  return Object.fromEntries(
    Object.keys(kind.inputs)
      .map((k) => [k, inputs[k]])
      .filter(([, v]) => v !== undefined),
  );
}

/** The inputs that differ between what the server has and what is asked, secrets (never read back) aside. */
export function differingInputs(kind: ResourceKind<any>, observed: Plain, wanted: Plain): string[] {
  return Object.entries(kind.inputs)
    .filter(
      ([k, schema]) =>
        !schema.secret &&
        !isDeepStrictEqual(observed[k] ?? schema.default, wanted[k] ?? schema.default),
    )
    .map(([k]) => k);
}

export async function createResource(
  kind: ResourceKind<any>,
  api: ApiClient,
  inputs: Plain,
): Promise<Created> {
  const id = kind.id(inputs);
  try {
    const computed = await kind.create(api, serverInputs(kind, inputs));
    return { id, outputs: { ...inputs, ...(computed ?? {}) } };
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) return adopt(kind, api, id, inputs, e);
    // Half-made (a later call of the create failed): record what exists, so the next `up` updates it to the inputs.
    const observed = await kind.read(api, id, {}).catch(() => undefined);
    if (observed)
      throw new InitFailed(id, { ...inputs, ...observed.inputs, ...observed.outputs }, [
        (e as Error).message,
      ]);
    throw e;
  }
}

async function adopt(
  kind: ResourceKind<any>,
  api: ApiClient,
  id: string,
  inputs: Plain,
  conflict: ApiError,
): Promise<Created> {
  const importHint = `pulumi import ${token(kind)} <name> ${JSON.stringify(id)}`;
  if (inputs.adopt !== true)
    throw new Error(
      `${conflict.message}: ${kind.name} ${JSON.stringify(id)} already exists on the server. Set adopt: true to take over an identical one, or bring it under this stack with \`${importHint}\``,
    );
  // Read as a refresh of these inputs would: a kind shows what its inputs set (a uid, an order, a port left at its
  // default) the way the inputs say it, so an identical object compares equal.
  const observed = await kind.read(api, id, serverInputs(kind, inputs));
  if (!observed) throw conflict;
  const differing = differingInputs(kind, observed.inputs as Plain, inputs);
  if (differing.length > 0)
    throw new Error(
      `${kind.name} ${JSON.stringify(id)} already exists on the server and differs in ${differing.join(", ")}: adopt takes over identical objects only. Change the inputs to match, or import it (\`${importHint}\`) and let the next update change it`,
    );
  // Identical in all it shows: write what it cannot show (secrets). The read filled them in from the wanted inputs,
  // so the olds leave them out: to the kind's update they are new.
  const olds = Object.fromEntries(
    Object.entries(observed.inputs as Plain).filter(([k]) => !kind.inputs[k]?.secret),
  );
  const computed = await kind.update(api, id, olds, serverInputs(kind, inputs));
  return { id, outputs: { ...inputs, ...observed.outputs, ...(computed ?? {}) } };
}

/** The resource as the server has it (inputs for the state, outputs), or undefined when it is gone. */
export async function readResource(
  kind: ResourceKind<any>,
  api: ApiClient,
  id: string,
  known: Plain,
): Promise<{ inputs: Plain; outputs: Plain } | undefined> {
  const observed = await kind.read(api, id, serverInputs(kind, known));
  if (!observed) return undefined;
  // Provider-only inputs (adopt) are not on the server: keep what the state says.
  const inputs: Plain = { ...observed.inputs };
  if (known.adopt !== undefined) inputs.adopt = known.adopt;
  return { inputs, outputs: { ...inputs, ...observed.outputs } };
}

export async function updateResource(
  kind: ResourceKind<any>,
  api: ApiClient,
  id: string,
  olds: Plain,
  news: Plain,
): Promise<Plain> {
  const computed = await kind.update(api, id, serverInputs(kind, olds), serverInputs(kind, news));
  const kept = Object.fromEntries(Object.keys(kind.outputs ?? {}).map((k) => [k, olds[k]]));
  return { ...kept, ...news, ...(computed ?? {}) };
}

export async function deleteResource(
  kind: ResourceKind<any>,
  api: ApiClient,
  id: string,
  inputs: Plain,
): Promise<void> {
  try {
    await kind.delete(api, id, serverInputs(kind, inputs));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return;
    throw e;
  }
}
