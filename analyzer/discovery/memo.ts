/**
 * Memoization for discovery work that is repeated on every run but rarely changes: reading a
 * handler's facts and classifying a middleware. Each entry records which files' facts it read (and
 * the exact facts objects); it is reused only while all of them are the same objects. The language
 * server keeps one memo per project, so an edit re-derives only what read the edited file.
 *
 * The memo does not see whether files were added or removed (module resolution may change), so
 * its owner clears it when the file set changes.
 */
import { type FileFacts, type FnId, type Span, spanAfterEdit } from '../model/ir';

interface Entry {
  value: unknown;
  deps: [string, FileFacts | undefined][];
  /** Carried past an edit region rather than computed (see `RegionEdit`). */
  carried?: true;
}

/**
 * A file edited since the last run only inside an edit region (analyzer/engine/edit-region.ts: an
 * inline callback of a registration statement, or one registration statement): `[start, oldEnd)`
 * of the text the last run read became `[start, newEnd)`. Nothing declared there is visible
 * outside it and nothing outside can call into it, so work that read the file only outside the
 * region reads the same code now, at shifted offsets.
 */
export interface RegionEdit {
  /** The facts the last run read. */
  before: FileFacts;
  start: number;
  oldEnd: number;
  newEnd: number;
  /** Old function id → new, for the functions outside the region. */
  functionIds: ReadonlyMap<FnId, FnId>;
}

/** Places of the last run in this run's texts, for values carried past edit regions. */
export interface RegionShift {
  /** `span` of `file` now; undefined when it reaches the file's region. */
  span(file: string, span: Span): Span | undefined;
  /** Whether function `fn` of `file` (with its nested functions) lies outside the region and keeps its id. */
  keepsFunction(file: string, fn: FnId): boolean;
}

/**
 * How a memoized value is brought past edit regions when the files it read changed only there:
 * the value at the new offsets, or undefined when it may read the region (then it is computed).
 */
export type Carry<T> = (value: T, shift: RegionShift) => T | undefined;

class Shift implements RegionShift {
  constructor(private readonly edits: ReadonlyMap<string, RegionEdit>) {}

  /** The facts the last run read of `file`, when it was edited inside a region since. */
  before(file: string): FileFacts | undefined {
    return this.edits.get(file)?.before;
  }

  span(file: string, span: Span): Span | undefined {
    const edit = this.edits.get(file);
    return edit ? spanAfterEdit(span, edit) : span;
  }

  keepsFunction(file: string, fn: FnId): boolean {
    const edit = this.edits.get(file);
    if (!edit) return true;
    const old = edit.before.functions[fn];
    return old !== undefined && edit.functionIds.get(fn) === fn && this.span(file, old.span) !== undefined;
  }
}

export class DiscoveryMemo {
  private readonly entries = new Map<string, Entry>();
  /** Per-file entries (`runForFile`), by namespace then file. */
  private readonly fileEntries = new Map<string, Map<string, Entry>>();
  private readonly slots = new Map<string, unknown>();
  private readonly stack: Map<string, FileFacts | undefined>[] = [];
  hits = 0;
  misses = 0;
  carried = 0;
  /** This run's edit regions (`setRegionEdits`), when there are any. */
  private shift: Shift | undefined;

  private resolution: string | undefined;

  clear(): void {
    this.entries.clear();
    this.fileEntries.clear();
    this.slots.clear();
  }

  /**
   * Module resolution's settings besides the file set (the path aliases, as a string): memoized
   * work resolved imports with them, so a change clears the memo.
   */
  useResolution(settings: string): void {
    if (this.resolution !== undefined && this.resolution !== settings) this.clear();
    this.resolution = settings;
  }

  /**
   * A discoverer's own cache kept between runs (e.g. Express's walked routers), created on first
   * use and dropped with the rest of the memo. Its owner checks validity itself, with `track` and
   * `readsCurrent`.
   */
  slot<T>(key: string, create: () => T): T {
    let value = this.slots.get(key) as T | undefined;
    if (value === undefined) this.slots.set(key, (value = create()));
    return value;
  }

  /**
   * The files changed since the last run, when each changed only inside an edit region; for the
   * next run only (the session sets them before discovery and clears them after). Values with a
   * `Carry` whose reads changed only there are carried instead of computed.
   */
  setRegionEdits(edits: ReadonlyMap<string, RegionEdit>): void {
    this.shift = edits.size > 0 ? new Shift(edits) : undefined;
  }

  /**
   * Drops the carried values, so that they are computed again: a whole run re-derives everything
   * that was taken past an edit rather than read (the language server's reconcile after an edit).
   */
  forgetCarried(): void {
    for (const [key, entry] of this.entries) if (entry.carried) this.entries.delete(key);
  }

  /** True while we are inside a tracked computation (reads are being recorded). */
  get tracking(): boolean {
    return this.stack.length > 0;
  }

  /** Called by the index whenever a file's facts are read, to record the dependency. */
  recordRead(file: string, facts: FileFacts | undefined): void {
    const top = this.stack[this.stack.length - 1];
    if (top && !top.has(file)) top.set(file, facts);
  }

  /**
   * Runs `compute` and returns the file reads it made (also recorded for the caller), so that a
   * caller caching the result can replay them with `recordRead` on each reuse.
   */
  track<T>(compute: () => T): { value: T; reads: [string, FileFacts | undefined][] } {
    const deps = new Map<string, FileFacts | undefined>();
    this.stack.push(deps);
    let value: T;
    try {
      value = compute();
    } finally {
      this.stack.pop();
    }
    for (const [file, facts] of deps) this.recordRead(file, facts);
    return { value, reads: [...deps] };
  }

  run<T>(key: string, current: (file: string) => FileFacts | undefined, compute: () => T, carry?: Carry<T>): T {
    return this.runIn(this.entries, key, current, compute, carry);
  }

  /**
   * `run` for work done once per file of the project (a discoverer's file scan), keyed by the
   * file's path within `space`: the paths are the same strings every run, so the lookup builds no
   * key, which counted when it is made for each of 1,000 files on every edit.
   */
  runForFile<T>(space: string, file: string, current: (file: string) => FileFacts | undefined, compute: () => T): T {
    let entries = this.fileEntries.get(space);
    if (!entries) this.fileEntries.set(space, (entries = new Map()));
    return this.runIn(entries, file, current, compute);
  }

  /**
   * An entry's reads with the facts of this run, when each file it read is unchanged or was edited
   * only inside its region since the last run (the entry read the facts that run read).
   */
  private carriedDeps(shift: Shift, deps: readonly [string, FileFacts | undefined][], current: (file: string) => FileFacts | undefined): [string, FileFacts | undefined][] | undefined {
    const out: [string, FileFacts | undefined][] = [];
    for (const [file, facts] of deps) {
      const now = current(file);
      if (now !== facts && (now === undefined || shift.before(file) !== facts)) return undefined;
      out.push([file, now]);
    }
    return out;
  }

  private runIn<T>(entries: Map<string, Entry>, key: string, current: (file: string) => FileFacts | undefined, compute: () => T, carry?: Carry<T>): T {
    const entry = entries.get(key);
    if (entry && depsCurrent(entry.deps, current)) {
      this.hits++;
      // The caller depends on everything this entry depended on.
      if (this.stack.length > 0) for (const [file, facts] of entry.deps) this.recordRead(file, facts);
      return entry.value as T;
    }
    if (entry && carry && this.shift) {
      const deps = this.carriedDeps(this.shift, entry.deps, current);
      const value = deps && carry(entry.value as T, this.shift);
      if (deps && value !== undefined) {
        this.carried++;
        entries.set(key, { value, deps, carried: true });
        if (this.stack.length > 0) for (const [file, facts] of deps) this.recordRead(file, facts);
        return value;
      }
    }
    this.misses++;
    const { value, reads } = this.track(compute);
    entries.set(key, { value, deps: reads });
    return value;
  }
}

function depsCurrent(deps: readonly [string, FileFacts | undefined][], current: (file: string) => FileFacts | undefined): boolean {
  for (const [file, facts] of deps) if (current(file) !== facts) return false;
  return true;
}
