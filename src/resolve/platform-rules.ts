/**
 * What the API server checks on the platform args beyond their shape (the schema): toleration and selector
 * operators with their values, topology spread, label syntax, object names, and a budget that means one thing.
 * Each problem names its field path.
 */
import type { Platform } from "../generated/platform/platform";
import { CONFIG_HASH_ANNOTATION } from "../hash";
import { childPath as at } from "./field-path";
import { show } from "./errors";
import { subdomainProblem } from "./k8s-names";
import { annotationProblems, labelProblems, qualifiedNameProblem } from "./metadata-rules";

type Obj = Record<string, any>;

const RESERVED_POD_LABELS = ["app", "instance"];
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const INT_OR_PERCENT = /^(0|[1-9][0-9]*)%?$/;

function keyProblem(key: unknown, path: string): string[] {
  if (typeof key !== "string") return [];
  const problem = qualifiedNameProblem(key);
  return problem ? [`${path}: ${show(key)} ${problem}`] : [];
}

function tolerationRules(tolerations: Obj[], path: string): string[] {
  const problems: string[] = [];
  tolerations.forEach((t, i) => {
    const p = at(path, i);
    const operator = t.operator ?? "Equal";
    if (!["Equal", "Exists"].includes(operator))
      problems.push(`${at(p, "operator")}: ${show(t.operator)} must be Equal or Exists`);
    if (
      t.effect !== undefined &&
      !["", "NoSchedule", "PreferNoSchedule", "NoExecute"].includes(t.effect)
    )
      problems.push(
        `${at(p, "effect")}: ${show(t.effect)} must be NoSchedule, PreferNoSchedule or NoExecute`,
      );
    if (t.key) problems.push(...keyProblem(t.key, at(p, "key")));
    else if (operator !== "Exists")
      problems.push(
        `${at(p, "operator")}: must be Exists when key is empty (it then tolerates every taint)`,
      );
    if (operator === "Exists" && t.value)
      problems.push(`${at(p, "value")}: must be empty when operator is Exists`);
    if (operator === "Equal" && t.value && !LABEL_VALUE.test(t.value))
      problems.push(`${at(p, "value")}: ${show(t.value)} must be a label value`);
    if (t.tolerationSeconds !== undefined && t.effect !== "NoExecute")
      problems.push(`${at(p, "tolerationSeconds")}: is only allowed with effect NoExecute`);
  });
  return problems;
}

/** One selector requirement: In/NotIn need values, Exists/DoesNotExist none, Gt/Lt (node selectors) one integer. */
function requirementRules(e: Obj, path: string, numeric: boolean): string[] {
  const problems = e.key ? keyProblem(e.key, at(path, "key")) : [`${at(path, "key")}: is required`];
  const values: unknown[] = e.values ?? [];
  const operators = ["In", "NotIn", "Exists", "DoesNotExist", ...(numeric ? ["Gt", "Lt"] : [])];
  if (!operators.includes(e.operator))
    problems.push(
      `${at(path, "operator")}: ${show(e.operator)} must be one of ${operators.join(", ")}`,
    );
  else if (["In", "NotIn"].includes(e.operator) && values.length === 0)
    problems.push(`${at(path, "values")}: must have at least one value for operator ${e.operator}`);
  else if (["Exists", "DoesNotExist"].includes(e.operator) && values.length > 0)
    problems.push(`${at(path, "values")}: must be empty for operator ${e.operator}`);
  else if (
    ["Gt", "Lt"].includes(e.operator) &&
    (values.length !== 1 || !/^-?[0-9]+$/.test(String(values[0])))
  )
    problems.push(`${at(path, "values")}: must be exactly one integer for operator ${e.operator}`);
  return problems;
}

function labelSelectorRules(selector: Obj | undefined, path: string): string[] {
  if (!selector) return [];
  const problems = labelProblems(selector.matchLabels ?? {}, at(path, "matchLabels"));
  (selector.matchExpressions ?? []).forEach((e: Obj, i: number) =>
    problems.push(...requirementRules(e, at(at(path, "matchExpressions"), i), false)),
  );
  return problems;
}

function nodeRequirementRules(requirements: Obj[] | undefined, path: string): string[] {
  return (requirements ?? []).flatMap((r, i) => requirementRules(r, at(path, i), true));
}

function weightRule(weight: unknown, path: string): string[] {
  return typeof weight === "number" && (weight < 1 || weight > 100)
    ? [`${path}: ${show(weight)} must be between 1 and 100`]
    : [];
}

function podAffinityTermRules(term: Obj, path: string): string[] {
  const problems = labelSelectorRules(term.labelSelector, at(path, "labelSelector"));
  problems.push(...labelSelectorRules(term.namespaceSelector, at(path, "namespaceSelector")));
  if (!term.topologyKey) problems.push(`${at(path, "topologyKey")}: is required`);
  else problems.push(...keyProblem(term.topologyKey, at(path, "topologyKey")));
  return problems;
}

function affinityRules(affinity: Obj | undefined, path: string): string[] {
  if (!affinity) return [];
  const problems: string[] = [];
  const node = affinity.nodeAffinity;
  if (node) {
    const p = at(path, "nodeAffinity");
    const required = node.requiredDuringSchedulingIgnoredDuringExecution;
    if (required) {
      const terms: Obj[] = required.nodeSelectorTerms ?? [];
      const tp = at(at(p, "requiredDuringSchedulingIgnoredDuringExecution"), "nodeSelectorTerms");
      if (terms.length === 0) problems.push(`${tp}: must have at least one term`);
      terms.forEach((t, i) => {
        problems.push(
          ...nodeRequirementRules(t.matchExpressions, at(at(tp, i), "matchExpressions")),
        );
        problems.push(...nodeRequirementRules(t.matchFields, at(at(tp, i), "matchFields")));
      });
    }
    (node.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((pref: Obj, i: number) => {
      const pp = at(at(p, "preferredDuringSchedulingIgnoredDuringExecution"), i);
      problems.push(...weightRule(pref.weight, at(pp, "weight")));
      problems.push(
        ...nodeRequirementRules(
          pref.preference?.matchExpressions,
          at(at(pp, "preference"), "matchExpressions"),
        ),
      );
    });
  }
  for (const kind of ["podAffinity", "podAntiAffinity"]) {
    const a = affinity[kind];
    if (!a) continue;
    const p = at(path, kind);
    (a.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: Obj, i: number) =>
      problems.push(
        ...podAffinityTermRules(t, at(at(p, "requiredDuringSchedulingIgnoredDuringExecution"), i)),
      ),
    );
    (a.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((w: Obj, i: number) => {
      const wp = at(at(p, "preferredDuringSchedulingIgnoredDuringExecution"), i);
      problems.push(...weightRule(w.weight, at(wp, "weight")));
      problems.push(...podAffinityTermRules(w.podAffinityTerm ?? {}, at(wp, "podAffinityTerm")));
    });
  }
  return problems;
}

function spreadRules(constraints: Obj[], path: string): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  constraints.forEach((c, i) => {
    const p = at(path, i);
    if (!(c.maxSkew > 0))
      problems.push(`${at(p, "maxSkew")}: ${show(c.maxSkew)} must be greater than 0`);
    problems.push(...keyProblem(c.topologyKey, at(p, "topologyKey")));
    if (!["DoNotSchedule", "ScheduleAnyway"].includes(c.whenUnsatisfiable))
      problems.push(
        `${at(p, "whenUnsatisfiable")}: ${show(c.whenUnsatisfiable)} must be DoNotSchedule or ScheduleAnyway`,
      );
    if (c.minDomains !== undefined) {
      if (!(c.minDomains > 0))
        problems.push(`${at(p, "minDomains")}: ${show(c.minDomains)} must be greater than 0`);
      else if (c.whenUnsatisfiable !== "DoNotSchedule")
        problems.push(`${at(p, "minDomains")}: needs whenUnsatisfiable DoNotSchedule`);
    }
    for (const policy of ["nodeAffinityPolicy", "nodeTaintsPolicy"]) {
      if (c[policy] !== undefined && !["Honor", "Ignore"].includes(c[policy]))
        problems.push(`${at(p, policy)}: ${show(c[policy])} must be Honor or Ignore`);
    }
    problems.push(...labelSelectorRules(c.labelSelector, at(p, "labelSelector")));
    const pair = `${c.topologyKey}/${c.whenUnsatisfiable}`;
    if (seen.has(pair))
      problems.push(
        `${p}: repeats topologyKey ${show(c.topologyKey)} with whenUnsatisfiable ${show(c.whenUnsatisfiable)}`,
      );
    seen.add(pair);
  });
  return problems;
}

function budgetRules(budget: Platform["podDisruptionBudget"]): RuleOutcome {
  const problems: string[] = [];
  const warnings: string[] = [];
  const path = "podDisruptionBudget";
  const given = (["minAvailable", "maxUnavailable"] as const).filter(
    (k) => budget[k] !== undefined,
  );
  if (!budget.enabled) {
    for (const k of given) warnings.push(`${path}.${k}: no effect while ${path}.enabled is false`);
    return { problems, warnings };
  }
  if (given.length === 2)
    problems.push(
      `${path}: set minAvailable or maxUnavailable, not both (the API server rejects both)`,
    );
  for (const k of given) {
    const value = budget[k]!;
    if (!INT_OR_PERCENT.test(value) || (value.endsWith("%") && Number(value.slice(0, -1)) > 100))
      problems.push(
        `${path}.${k}: ${show(value)} must be a number of pods (e.g. "1") or a percentage up to "100%"`,
      );
  }
  return { problems, warnings };
}

export interface RuleOutcome {
  problems: string[];
  warnings: string[];
}

/** The rules of the platform args (already schema-valid). */
export function platformRules(platform: Platform): RuleOutcome {
  const { pod } = platform;
  const problems: string[] = [];
  problems.push(...labelProblems(pod.nodeSelector ?? {}, "pod.nodeSelector"));
  problems.push(...tolerationRules(pod.tolerations ?? [], "pod.tolerations"));
  problems.push(...affinityRules(pod.affinity, "pod.affinity"));
  problems.push(
    ...spreadRules(pod.topologySpreadConstraints ?? [], "pod.topologySpreadConstraints"),
  );
  for (const field of ["priorityClassName", "serviceAccountName"] as const) {
    const value = pod[field];
    if (value !== undefined) {
      const problem = subdomainProblem(value, `pod.${field}`, "an object name");
      if (problem) problems.push(problem);
    }
  }
  (pod.imagePullSecrets ?? []).forEach((ref, i) => {
    const problem = subdomainProblem(
      String(ref.name ?? ""),
      `pod.imagePullSecrets[${i}].name`,
      "a Secret name",
    );
    if (problem) problems.push(problem);
  });
  const labels = pod.labels ?? {};
  problems.push(...labelProblems(labels, "pod.labels"));
  for (const key of RESERVED_POD_LABELS.filter((k) => k in labels))
    problems.push(
      `pod.labels.${key}: is the pod's selector label (app: dittofs-server, instance: <name>) and cannot be set`,
    );
  const annotations = pod.annotations ?? {};
  problems.push(...annotationProblems(annotations, "pod.annotations"));
  if (CONFIG_HASH_ANNOTATION in annotations)
    problems.push(
      `pod.annotations[${show(CONFIG_HASH_ANNOTATION)}]: is set by the component (the config hash that rolls the pod) and cannot be set`,
    );
  const budget = budgetRules(platform.podDisruptionBudget);
  return { problems: [...problems, ...budget.problems], warnings: budget.warnings };
}
