/**
 * A container's security context as the API server and the kubelet take it, for both models: privilege escalation
 * off together with `privileged` or `capabilities.add: [CAP_SYS_ADMIN]` is rejected (Kubernetes'
 * ValidateSecurityContext), and `runAsNonRoot` with uid 0 makes the kubelet refuse to start the container.
 */
interface Context {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  capabilities?: { add?: string[] };
}

export interface SecurityContexts {
  /** The container's as the user gave it ({} when not given). */
  user: Context;
  /** The container's as the pod gets it (a model's hardening or default filled in). */
  effective: Context;
  /** The pod's (the user's or its default). */
  pod: Context;
  /** Where a value the user left unset comes from, e.g. "the hardening's default when unset". */
  defaulted: string;
  /** Whether another container runs with the pod's context alone (Percona's wait container). */
  podContainer: boolean;
}

const AT = "spec.securityContext";

export function securityContextProblems(c: SecurityContexts): string[] {
  const { user, effective, pod } = c;
  const problems: string[] = [];
  const from = (field: keyof Context) => (user[field] === undefined ? ` (${c.defaulted})` : "");
  if (effective.allowPrivilegeEscalation === false) {
    const escalation = `allowPrivilegeEscalation is false${from("allowPrivilegeEscalation")}`;
    if (effective.privileged)
      problems.push(
        `${AT}.privileged: true is rejected by the API server while ${escalation}: set ${AT}.allowPrivilegeEscalation: true`,
      );
    if ((effective.capabilities?.add ?? []).includes("CAP_SYS_ADMIN"))
      problems.push(
        `${AT}.capabilities.add: CAP_SYS_ADMIN is rejected by the API server while ${escalation}: set ${AT}.allowPrivilegeEscalation: true`,
      );
  }
  const nonRoot = effective.runAsNonRoot ?? pod.runAsNonRoot;
  const uid = effective.runAsUser ?? pod.runAsUser;
  const uidPath =
    effective.runAsUser !== undefined ? `${AT}.runAsUser` : "spec.podSecurityContext.runAsUser";
  const nonRootFrom =
    effective.runAsNonRoot !== undefined ? from("runAsNonRoot") : " (from spec.podSecurityContext)";
  if (nonRoot && uid === 0)
    problems.push(
      `${uidPath}: 0 runs the server as root, but runAsNonRoot is true${nonRootFrom}: the kubelet refuses to start the container; set ${AT}.runAsNonRoot: false to run as root`,
    );
  else if (c.podContainer && pod.runAsNonRoot && pod.runAsUser === 0)
    problems.push(
      "spec.podSecurityContext.runAsUser: 0 runs the Percona wait container as root, but spec.podSecurityContext.runAsNonRoot is true: the kubelet refuses to start it",
    );
  return problems;
}
