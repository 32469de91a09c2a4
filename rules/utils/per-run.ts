/**
 * Answers about one object of a run (a route, a handler flow) that several rules ask for in the
 * same run: computed once per run and object. Per run (keyed by the run's model), not across
 * runs: the answers read code in other files (helpers, middleware) whose facts may change between
 * runs of a language-server session while the object itself is handed out again.
 */
import type { FileFacts } from '../../analyzer/model/ir';
import type { RuleContext } from './define-rule';

export function oncePerRun<K extends object, V>(compute: (ctx: RuleContext, key: K) => V | undefined): (ctx: RuleContext, key: K) => V | undefined {
  const runs = new WeakMap<RuleContext['model'], WeakMap<K, V | null>>();
  return (ctx, key) => {
    let perRun = runs.get(ctx.model);
    if (!perRun) runs.set(ctx.model, (perRun = new WeakMap()));
    let known = perRun.get(key);
    if (known === undefined) perRun.set(key, (known = compute(ctx, key) ?? null));
    return known ?? undefined;
  };
}

/**
 * Whether some file of the project passes `test`: answered once per run, and `test` once per file
 * version (the language server asks on every run; an edit changes one file's facts).
 */
export function someFile(test: (facts: FileFacts) => boolean): (ctx: RuleContext) => boolean {
  const byFacts = new WeakMap<FileFacts, boolean>();
  const byRun = new WeakMap<RuleContext['model'], boolean>();
  const passes = (facts: FileFacts): boolean => {
    let known = byFacts.get(facts);
    if (known === undefined) byFacts.set(facts, (known = test(facts)));
    return known;
  };
  return (ctx) => {
    let known = byRun.get(ctx.model);
    if (known === undefined) {
      known = false;
      for (const facts of ctx.files.values()) {
        if (!passes(facts)) continue;
        known = true;
        break;
      }
      byRun.set(ctx.model, known);
    }
    return known;
  };
}
