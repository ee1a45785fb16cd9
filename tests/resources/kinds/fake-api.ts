import { ApiError, type ApiClient } from "../../../src/resources/api-client";

/** An ApiClient stand-in: answers GETs from a path table (404 when absent) and records every call. */
export function fakeApi(answers: Record<string, unknown> = {}): ApiClient & {
  calls: { method: string; path: string; body?: unknown }[];
} {
  const calls: { method: string; path: string; body?: unknown }[] = [];
  const api = {
    calls,
    async call(method: string, path: string, body?: unknown, allowed: number[] = []) {
      calls.push({ method, path, ...(body === undefined ? {} : { body }) });
      if (method !== "GET") return undefined;
      if (path in answers) return answers[path];
      if (allowed.includes(404)) return undefined;
      throw new ApiError(method, path, 404, "Not Found");
    },
    get(path: string) {
      return api.call("GET", path, undefined, [404]);
    },
  };
  return api as unknown as ApiClient & { calls: typeof calls };
}
