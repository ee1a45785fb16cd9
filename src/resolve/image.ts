/**
 * A container image reference: not empty (the pod could not start), and printable ASCII without whitespace, as every
 * reference the registries' grammar accepts is (the API server rejects surrounding whitespace; a control character
 * or line separator would make the reference something other than what it shows).
 */
import { show } from "./errors";

const REFERENCE_CHARACTERS = /^[\x21-\x7e]+$/;

export function imageProblem(image: string, path: string): string | undefined {
  if (image === "") return `${path}: must not be empty: the pod needs an image to run`;
  if (!REFERENCE_CHARACTERS.test(image))
    return `${path}: ${show(image)} must be an image reference: printable ASCII without whitespace or control characters`;
  return undefined;
}
