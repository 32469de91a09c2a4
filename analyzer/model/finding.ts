/** Findings and fixes: the plain data that rules produce and every reporter consumes. */
import type { Location } from './route-model';

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export type Confidence = 'high' | 'medium' | 'low';

/** Replace `[start, end)` of `file` with `text` (ESLint's fix model; offsets, not positions). */
export interface TextEdit {
  file: string;
  start: number;
  end: number;
  text: string;
  /** Create the file when it does not exist (e.g. `.env.example`). */
  createIfMissing?: boolean;
}

export interface Fix {
  title: string;
  /** safe: keeps behaviour for legitimate callers; unsafe: changes behaviour and needs review. */
  kind: 'safe' | 'unsafe';
  edits: TextEdit[];
}

export interface RelatedLocation {
  message: string;
  location: Location;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  location: Location;
  /** A stable identity that survives moving code: rule id + route key or normalized snippet. */
  fingerprint: string;
  routeKey: string | undefined;
  related: RelatedLocation[];
  fix: Fix | undefined;
  /** Set by the engine when an inline suppression or baseline matched. */
  suppressed?: { kind: 'inline' | 'baseline'; reason: string };
}
