export interface BadInput {
  title: string;
  type: string;
  inputs: Record<string, unknown>;
  property: string;
  reason: RegExp;
  serverOnly?: boolean;
}
