/** Every v0.29 parity case (the samples, then the variants) as the operator side sees it. */
import type { ParityContext } from "./deviations";
import type { DiscoveredAdapter } from "./operator-adapters";
import { sampleInputs } from "./sample-inputs";
import { VARIANTS } from "./variants";

export interface ParityCase {
  title: string;
  ctx: ParityContext;
  reported?: DiscoveredAdapter[];
}

export function parityCases(): ParityCase[] {
  const fromSamples = sampleInputs().map((i) => ({
    title: i.sample.file,
    ctx: {
      cr: i.cr,
      name: i.cr.metadata.name,
      namespace: i.cr.metadata.namespace,
      secrets: i.secrets,
    },
  }));
  const fromVariants = VARIANTS.map((v) => ({
    title: v.title,
    ctx: {
      cr: { metadata: { name: v.name, namespace: v.namespace }, spec: v.spec },
      name: v.name,
      namespace: v.namespace,
      secrets: v.secrets,
      secretValues: v.secretValues,
    },
    reported: v.reported,
  }));
  return [...fromSamples, ...fromVariants];
}
