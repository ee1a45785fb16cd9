/** The LDAP bind password's selector: the operator puts it in env whenever given, so an empty name is an error. */
import { expect } from "chai";
import { render } from "../../helpers/render";
import { problemsOf } from "../../helpers/errors";

const ldap = (bindPasswordSecretRef: Record<string, string>, enabled = true) => ({
  operatorRelease: "v0.29",
  storage: { metadataSize: "10Gi" },
  identity: {
    ldap: { enabled, url: "ldap://x:389", baseDN: "dc=x", bindDN: "cn=y", bindPasswordSecretRef },
  },
});

describe("v0.29 model: the LDAP bind password's selector", () => {
  it("without a name (the CRD's default) is refused with its path, enabled or not", () => {
    for (const enabled of [true, false]) {
      expect(problemsOf(() => render("srv", ldap({ key: "p" }, enabled)))).to.deep.equal([
        "spec.identity.ldap.bindPasswordSecretRef.name: must name a Secret",
      ]);
    }
  });

  it("with a name puts DITTOFS_LDAP_BIND_PASSWORD in env, even with LDAP disabled", () => {
    const r = render("srv", ldap({ name: "l", key: "p" }, false), { l: { p: "bind-pw" } });
    const set = (r.objects as Array<Record<string, any>>).find((o) => o.kind === "StatefulSet")!;
    expect(set.spec.template.spec.containers[0].env).to.deep.include({
      name: "DITTOFS_LDAP_BIND_PASSWORD",
      valueFrom: { secretKeyRef: { name: "l", key: "p" } },
    });
  });
});
