/**
 * Memoization for discovery work that is repeated on every run but rarely changes: reading a
 * handler's facts and classifying a middleware. Each entry records which files' facts it read (and
 * the exact facts objects); it is reused only while all of them are the same objects. The language
 * server keeps one memo per project, so an edit re-derives only what read the edited file.
 *
 * The memo does not see whether files were added or removed (module resolution may change), so
 * its owner clears it when the file set changes.
 */
import type { FileFacts } from '../model/ir';

interface Entry {
  value: unknown;
  deps: [string, FileFacts | undefined][];
}

export class DiscoveryMemo {
  private readonly entries = new Map<string, Entry>();
  /** Per-file entries (`runForFile`), by namespace then file. */
  private readonly fileEntries = new Map<string, Map<string, Entry>>();
  private readonly slots = new Map<string, unknown>();
  private readonly stack: Map<string, FileFacts | undefined>[] = [];
  hits = 0;
  misses = 0;

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

  run<T>(key: string, current: (file: string) => FileFacts | undefined, compute: () => T): T {
    return this.runIn(this.entries, key, current, compute);
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

  private runIn<T>(entries: Map<string, Entry>, key: string, current: (file: string) => FileFacts | undefined, compute: () => T): T {
    const entry = entries.get(key);
    if (entry && depsCurrent(entry.deps, current)) {
      this.hits++;
      // The caller depends on everything this entry depended on.
      if (this.stack.length > 0) for (const [file, facts] of entry.deps) this.recordRead(file, facts);
      return entry.value as T;
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
