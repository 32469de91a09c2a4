/**
 * The secret pre-scan: secretlint's recommended rules over text the session has already read.
 *
 * secretlint is embedded (`@secretlint/core` + the recommend preset), never run as a CLI: we feed
 * it the strings we hold, so nothing is read twice and no process is spawned. Its results become
 * `SecretHit`s that carry only a masked value; the raw secret never leaves this module except as
 * the offsets of the hit. Rules read the hits as data (`ctx.secrets`), which keeps them pure and
 * synchronous while secretlint itself is asynchronous.
 */
import { lintSource } from '@secretlint/core';
import { creator as recommendPreset } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintCoreConfig, SecretLintCoreResultMessage } from '@secretlint/types';
import type { SecretHit } from '../../rules/utils/define-rule';
import { maskSecret, maskUrlPassword } from '../../rules/utils/masking';

export interface SecretScanInput {
  /** Project-relative POSIX path; only used to name the source (secretlint reads nothing itself). */
  file: string;
  text: string;
}

export interface SecretScanOutput {
  file: string;
  /** The text the hits were computed from (a session keeps hits only while the text is current). */
  text: string;
  hits: SecretHit[];
}

const PRESET_ID = '@secretlint/secretlint-rule-preset-recommend';

/**
 * The recommend preset with bare AWS access key ids (`AKIA…`) reported too: by default the aws
 * rule only reports an id next to its secret, and a leaked id alone already names the account and
 * the key to revoke.
 */
const CONFIG: SecretLintCoreConfig = {
  rules: [
    {
      id: PRESET_ID,
      rule: recommendPreset,
      rules: [{ id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } }],
    },
  ],
};

/** Scans each text in turn; a text secretlint fails on yields no hits rather than failing the run. */
export async function scanTextsForSecrets(inputs: readonly SecretScanInput[]): Promise<SecretScanOutput[]> {
  return withProfilerMarksDisabled(async () => {
    const out: SecretScanOutput[] = [];
    for (const input of inputs) {
      let messages: SecretLintCoreResultMessage[] = [];
      try {
        const result = await lintSource({
          source: { filePath: input.file, content: input.text, ext: extensionOf(input.file), contentType: 'text' },
          options: { config: CONFIG, maskSecrets: true, noPhysicFilePath: true },
        });
        messages = result.messages.filter((m): m is SecretLintCoreResultMessage => m.type === 'message');
      } catch {
        // A secretlint rule that throws on odd input must not stop the analysis; the code-aware
        // checks of hardcoded-secret still run on this file.
        messages = [];
      }
      out.push({ file: input.file, text: input.text, hits: messages.flatMap((m) => toHit(input, m)) });
    }
    return out;
  });
}

function extensionOf(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot) : '';
}

function toHit(input: SecretScanInput, message: SecretLintCoreResultMessage): SecretHit[] {
  const span = normalizeRange(input.text, message);
  if (!span) return [];
  const value = input.text.slice(span.start, span.end);
  return [
    {
      file: input.file,
      start: span.start,
      end: span.end,
      source: message.ruleId,
      message: labelOf(message),
      masked: maskUrlPassword(value) ?? maskSecret(value),
    },
  ];
}

/**
 * secretlint's ranges are not always the secret itself: the AWS secret-access-key range starts at
 * the `AWS_SECRET_ACCESS_KEY=` name (with the secret's length), and connection-string ranges run
 * on over the closing quote. Narrow each range to the value, so that findings point at it and the
 * hardcoded-secret quick-fix replaces exactly the literal's content.
 */
function normalizeRange(text: string, message: SecretLintCoreResultMessage): { start: number; end: number } | undefined {
  let [start, end] = message.range;
  if (start < 0 || end > text.length || start >= end) return undefined;
  if (message.messageId === 'AWSSecretAccessKey') {
    const lineEnd = text.indexOf('\n', start);
    const line = text.slice(start, lineEnd < 0 ? text.length : lineEnd);
    const m = /(?::|=>|=)\s*["']?([A-Za-z0-9/+=]{40})/.exec(line);
    if (m) {
      start += m.index + m[0].length - m[1]!.length;
      end = start + 40;
    }
  } else if (message.ruleId.endsWith('database-connection-string')) {
    const cut = text.slice(start, end).search(/[\s'"`]/);
    if (cut > 0) end = start + cut;
  }
  while (start < end && /[\s'"`]/.test(text[start]!)) start++;
  while (end > start && /[\s'"`,;]/.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : undefined;
}

/** "found AWS Access Key ID: ****" → "AWS Access Key ID"; the masked tail is never kept. */
function labelOf(message: SecretLintCoreResultMessage): string {
  const m = /^(?:found\s+)?(.*?)\s*:/i.exec(message.message);
  const label = m?.[1]?.trim();
  return label && label.length <= 80 && !label.includes('*') ? label : message.messageId;
}

let disabledDepth = 0;
let savedMark: PropertyDescriptor | undefined;

/**
 * `@secretlint/profiler` is always on: every lint calls `performance.mark` several times, and its
 * PerformanceObserver searches every earlier mark on each new one, so a scan gets quadratic in the
 * number of files (130 s for 5,000 files, of which 0.7 s is lint work) and the global mark buffer
 * grows without bound in a long-lived language server. We never read its measures, so `mark` is a
 * no-op for the duration of a scan and restored afterwards (nested and overlapping scans share one
 * patch through a depth count).
 */
async function withProfilerMarksDisabled<T>(run: () => Promise<T>): Promise<T> {
  const perf = globalThis.performance;
  if (disabledDepth++ === 0) {
    savedMark = Object.getOwnPropertyDescriptor(perf, 'mark');
    Object.defineProperty(perf, 'mark', { value: () => undefined, configurable: true, writable: true });
  }
  try {
    return await run();
  } finally {
    if (--disabledDepth === 0) {
      if (savedMark) Object.defineProperty(perf, 'mark', savedMark);
      else delete (perf as { mark?: unknown }).mark;
      savedMark = undefined;
    }
  }
}
