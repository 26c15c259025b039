import { load } from 'js-yaml';

export interface PolicyRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
  readonly verbs: readonly string[];
}

/** `apps/<app>/rbac/rules.yaml`: the ClusterRole rules and the Lease Role rules of one app. */
export interface RbacRules {
  readonly rules: readonly PolicyRule[];
  readonly leaderElectionRules: readonly PolicyRule[];
}

function stringList(value: unknown, where: string): readonly string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
    throw new Error(`${where} must be a list of strings`);
  return value;
}

function parseRule(value: unknown, where: string): PolicyRule {
  if (typeof value !== 'object' || value === null) throw new Error(`${where} must be a PolicyRule mapping`);
  const rule = value as Record<string, unknown>;
  const known = new Set(['apiGroups', 'resources', 'resourceNames', 'nonResourceURLs', 'verbs']);
  const unknown = Object.keys(rule).filter((key) => !known.has(key));
  if (unknown.length > 0) throw new Error(`${where} has unknown fields: ${unknown.join(', ')}`);
  const verbs = stringList(rule['verbs'], `${where}.verbs`);
  if (verbs.length === 0) throw new Error(`${where}.verbs is empty`);
  const result: { -readonly [K in keyof PolicyRule]: PolicyRule[K] } = { verbs };
  for (const key of ['apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const) {
    if (rule[key] !== undefined) result[key] = stringList(rule[key], `${where}.${key}`);
  }
  return result;
}

function ruleList(value: unknown, where: string): readonly PolicyRule[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`${where} must be a list of rules`);
  return value.map((rule, index) => parseRule(rule, `${where}[${index}]`));
}

/** Parses and checks a rules file, so a malformed one fails the sync rather than the install. */
export function parseRbacRules(text: string, source: string): RbacRules {
  const value = load(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${source}: expected a mapping with rules and leader-election-rules`);
  const record = value as Record<string, unknown>;
  const rules = ruleList(record['rules'], `${source}: rules`);
  if (rules.length === 0) throw new Error(`${source}: rules is empty`);
  return { rules, leaderElectionRules: ruleList(record['leader-election-rules'], `${source}: leader-election-rules`) };
}

export const RuleSections = { rules: 'rules', leaderElection: 'leader-election-rules' } as const;
export type RuleSection = (typeof RuleSections)[keyof typeof RuleSections];

/**
 * The comment lines written right above each rule of a section, in rule
 * order: the rules file is where a permission is added, so that is where
 * its reason lives (js-yaml drops comments, hence the line scan).
 */
export function ruleComments(text: string, section: RuleSection): readonly string[] {
  const comments: string[] = [];
  let inSection = false;
  let pending: string[] = [];
  for (const line of text.split('\n')) {
    const topLevel = /^([A-Za-z][\w-]*):/.exec(line);
    if (topLevel) {
      inSection = topLevel[1] === section;
      pending = [];
      continue;
    }
    if (!inSection) continue;
    const comment = /^\s*#\s?(.*)$/.exec(line);
    if (comment) {
      pending.push((comment[1] ?? '').trim());
    } else if (/^\s*-\s/.test(line) && /^\s{0,2}-/.test(line)) {
      comments.push(pending.join(' ').trim());
      pending = [];
    }
  }
  return comments;
}
