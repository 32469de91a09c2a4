/**
 * The rule engine: runs every enabled rule over the model, turns states into findings, applies the
 * configured severities and gives each finding a stable fingerprint. A rule that throws loses its
 * findings for this run and leaves a problem; it never stops the other rules.
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../model/finding';
import type { Problem } from '../model/route-model';
import type { AnyRule, RuleContext } from '../../rules/utils/define-rule';

export function runRules(rules: readonly AnyRule[], ctx: RuleContext): { findings: Finding[]; problems: Problem[] } {
  const { findings, problems } = evaluateRules(rules, ctx);
  finishFindings(findings, ctx.getText);
  return { findings, problems };
}

/**
 * What a rule chose to identify a finding by (see `Report.fingerprintAnchor`), kept beside the
 * finding rather than in it: findings are plain output data, and an incremental run fingerprints
 * findings of earlier runs again.
 */
const anchors = new WeakMap<Finding, string>();

export interface RuleEvaluation {
  /** Neither sorted nor fingerprinted yet (see `finishFindings`). */
  findings: Finding[];
  problems: Problem[];
  /** Each rule's `projectInputs`, for the next incremental run. */
  inputs: Map<string, string>;
  /** With a scope: the rules that ran whole anyway (not incremental, or their project inputs changed). */
  wholeRules: Set<string>;
}

/**
 * Runs the rules. With `ctx.scope`, incremental rules run on the scope only, unless their
 * project inputs differ from `previousInputs`. Without `previousInputs` (a one-shot run, which
 * has no next run to compare with) project inputs are not computed.
 */
export function evaluateRules(rules: readonly AnyRule[], ctx: RuleContext, previousInputs?: ReadonlyMap<string, string>): RuleEvaluation {
  const findings: Finding[] = [];
  const problems: Problem[] = [];
  const inputs = new Map<string, string>();
  const wholeRules = new Set<string>();
  const wholeCtx = ctx.scope ? { ...ctx, scope: undefined } : ctx;
  for (const rule of rules) {
    const configured = ctx.config.rules[rule.id]?.severity;
    if (configured === 'off') continue;
    let ruleCtx = ctx;
    try {
      const projectInputs = previousInputs ? rule.projectInputs?.(wholeCtx) : undefined;
      if (projectInputs !== undefined) inputs.set(rule.id, projectInputs);
      if (ctx.scope && (!rule.incremental || (projectInputs !== undefined && previousInputs?.get(rule.id) !== projectInputs))) {
        ruleCtx = wholeCtx;
        wholeRules.add(rule.id);
      }
    } catch {
      ruleCtx = wholeCtx;
      wholeRules.add(rule.id);
    }
    const produced: Finding[] = [];
    try {
      for (const state of rule.detect(ruleCtx)) {
        const report = rule.report(state, ruleCtx);
        const fix = rule.fix?.(state, ruleCtx);
        const finding: Finding = {
          ruleId: rule.id,
          severity: configured ?? report.severity ?? rule.meta.severity,
          message: report.message,
          location: report.location,
          fingerprint: '',
          routeKey: report.routeKey,
          related: report.related ?? [],
          fix,
        };
        produced.push(finding);
        if (report.fingerprintAnchor !== undefined) anchors.set(finding, report.fingerprintAnchor);
      }
    } catch (error) {
      problems.push({ file: undefined, span: undefined, kind: 'rule-error', message: `rule ${rule.id} failed: ${(error as Error)?.message ?? String(error)}` });
      continue;
    }
    for (const finding of produced) findings.push(finding);
  }
  return { findings, problems, inputs, wholeRules };
}

/** Sorts the findings and gives each its stable fingerprint. */
export function finishFindings(findings: Finding[], getText: (file: string) => string | undefined): void {
  sortFindings(findings);
  assignFingerprints(findings, getText);
}

/**
 * `finishFindings` for an incremental run's merged list (engine/incremental.ts `mergeFindings`),
 * which comes sorted: only the findings of `touched` files (those that gained or lost a finding)
 * can have another occurrence number, the others keep their fingerprints.
 */
export function finishMergedFindings(findings: Finding[], touched: ReadonlySet<string>, getText: (file: string) => string | undefined): void {
  assignFingerprints(findings, getText, touched);
}

export function sortFindings(findings: Finding[]): void {
  findings.sort(compareFindings);
}

/** The order of a run's findings: file, offset, rule, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return compare(a.location.file, b.location.file) || a.location.span.start - b.location.span.start || compare(a.ruleId, b.ruleId) || compare(a.message, b.message);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * rule id + file + (route key, or the whitespace-folded text at the location) + occurrence: moving
 * code within a file, or re-indenting it, keeps the fingerprint.
 */
function assignFingerprints(findings: Finding[], getText: (file: string) => string | undefined, onlyFiles?: ReadonlySet<string>): void {
  const seen = new Map<string, number>();
  for (const f of findings) {
    // Occurrences are counted per file (the file is part of the base).
    if (onlyFiles && !onlyFiles.has(f.location.file)) continue;
    let known = fingerprinted.get(f);
    if (!known) {
      const anchor = f.routeKey ?? anchors.get(f) ?? textAnchor(f, getText);
      fingerprinted.set(f, (known = { base: `${f.ruleId}\0${f.location.file}\0${anchor}`, n: 0 }));
    }
    const n = (seen.get(known.base) ?? 0) + 1;
    seen.set(known.base, n);
    // A finding kept by an incremental run keeps its fingerprint unless its occurrence number moved.
    if (known.n !== n) {
      known.n = n;
      f.fingerprint = fingerprintOf(`${known.base}\0${n}`);
    }
  }
}

/**
 * A kept finding moved to new offsets (engine/incremental.ts) is identified as before: the text at
 * its location is the same, only further down the file.
 */
export function carryFingerprint(from: Finding, to: Finding): void {
  const anchor = anchors.get(from);
  if (anchor !== undefined) anchors.set(to, anchor);
  const known = fingerprinted.get(from);
  if (known) fingerprinted.set(to, { ...known });
}

/** Per finding: what its fingerprint is computed from, and the occurrence number it was computed with. */
const fingerprinted = new WeakMap<Finding, { base: string; n: number }>();

/**
 * The whitespace-folded text at a finding's location, remembered with the finding: a finding
 * kept by an incremental run sits in a file that did not change.
 */
function textAnchor(f: Finding, getText: (file: string) => string | undefined): string {
  let anchor = anchors.get(f);
  if (anchor === undefined) {
    anchor = (getText(f.location.file)?.slice(f.location.span.start, f.location.span.end) ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
    anchors.set(f, anchor);
  }
  return anchor;
}

// An incremental run fingerprints every finding again, mostly with the same inputs.
const fingerprints = new Map<string, string>();

function fingerprintOf(input: string): string {
  let fingerprint = fingerprints.get(input);
  if (fingerprint === undefined) {
    fingerprint = createHash('sha256').update(input).digest('hex').slice(0, 32);
    if (fingerprints.size > 200_000) fingerprints.clear();
    fingerprints.set(input, fingerprint);
  }
  return fingerprint;
}
