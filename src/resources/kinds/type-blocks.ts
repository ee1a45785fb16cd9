/**
 * The rule of kinds whose settings sit in a block named after their type (`type: badger` with `badger: {...}`): the
 * block of the chosen type is required, the blocks of other types are refused.
 */
import type { Failure } from "../kind";

export function typeBlockFailures(
  type: string,
  blocks: readonly string[],
  inputs: object,
): Failure[] {
  const failures: Failure[] = [];
  for (const block of blocks) {
    const set = (inputs as Record<string, unknown>)[block] !== undefined;
    if (type === block && !set)
      failures.push({ property: block, reason: `is required when type is ${block}` });
    if (type !== block && set)
      failures.push({
        property: block,
        reason: `is for type ${block}; this store's type is ${type} (remove it, or set type: ${block})`,
      });
  }
  return failures;
}
