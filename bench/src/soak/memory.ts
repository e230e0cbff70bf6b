import { readFileSync } from 'node:fs';

/** Resident set size of a process in bytes (VmRSS), or undefined once it is gone. */
export function residentBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}

/**
 * The V8 heap in use, from a service's /metrics (prom-client's default metrics), in bytes; undefined
 * when the service does not answer. Reading it costs the service a scrape, as Prometheus's would.
 */
export async function heapUsedBytes(opsUrl: string): Promise<number | undefined> {
  try {
    const response = await fetch(`${opsUrl}/metrics`, { signal: AbortSignal.timeout(2_000) });
    const text = await response.text();
    const value = /^nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1];
    return value === undefined ? undefined : Number(value);
  } catch {
    return undefined;
  }
}
