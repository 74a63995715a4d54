/**
 * Where the benchmark's time goes besides the clock: CPU time over all threads, and the time the
 * main thread spent stopped for garbage collection. widl uses both cores by running one process per
 * file; `codegen` runs its compiler on one thread, while V8 collects garbage and compiles code on
 * others. Comparing the CPU both spend, and the main thread's collection pauses, shows which part
 * of the wall-clock gap is work and which is parallelism (see the README's Performance section).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { constants, PerformanceObserver, type PerformanceEntry } from "node:perf_hooks";

/** The CPU time of a process's waited-for children, in clock ticks (fields 16 and 17 of `/proc/<pid>/stat`). */
export function childTicks(stat: string): number {
  // The command name (field 2) is in parentheses and may itself hold spaces and parentheses: the
  // fields are counted after the last ")". Field 3 is then the first one.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const cutime = Number(fields[16 - 3]);
  const cstime = Number(fields[17 - 3]);
  if (!Number.isFinite(cutime) || !Number.isFinite(cstime)) throw new Error(`unexpected /proc stat line: ${stat.slice(0, 80)}`);
  return cutime + cstime;
}

let ticksPerSecond: number | undefined;

/**
 * The CPU time (user and system, ms) of this process's children that have exited and been waited
 * for, or undefined where `/proc` does not tell it (not Linux). Node reports its own usage
 * (`process.cpuUsage`), not its children's; the kernel keeps their sum with the parent.
 */
export function childrenCpuMs(): number | undefined {
  let stat: string;
  try {
    stat = readFileSync("/proc/self/stat", "utf8");
  } catch {
    return undefined;
  }
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100; // USER_HZ on every Linux architecture Node runs on
    }
  }
  return (childTicks(stat) * 1000) / ticksPerSecond;
}

/** Main-thread garbage-collection pauses since a recorder started. */
export interface GcPauses {
  /** All pauses, ms. */
  readonly ms: number;
  /** Of which young-generation collections (scavenges), ms. */
  readonly minorMs: number;
  readonly count: number;
}

/**
 * Starts recording the main thread's collection pauses (Node's `gc` performance entries); the
 * returned function stops and sums them. Entries arrive after the collection, on a later turn of
 * the event loop, hence async.
 */
export function recordGcPauses(): () => Promise<GcPauses> {
  let ms = 0;
  let minorMs = 0;
  let count = 0;
  const add = (entries: readonly PerformanceEntry[]) => {
    for (const e of entries) {
      ms += e.duration;
      count++;
      if ((e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) minorMs += e.duration;
    }
  };
  const observer = new PerformanceObserver((list) => add(list.getEntries()));
  observer.observe({ entryTypes: ["gc"] });
  return async () => {
    await new Promise((resolve) => setImmediate(resolve));
    add(observer.takeRecords());
    observer.disconnect();
    return { ms, minorMs, count };
  };
}
