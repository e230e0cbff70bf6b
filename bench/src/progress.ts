const started = Date.now();

function elapsed(): string {
  const seconds = Math.floor((Date.now() - started) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A progress line: `[bench 1:23] api · ours max: 50 connections for 6 s`. */
export function say(message: string): void {
  console.log(`[bench ${elapsed()}] ${message}`);
}

/** Seconds since `from` (a Date.now() value), to one decimal. */
export function secondsSince(from: number): number {
  return Math.round((Date.now() - from) / 100) / 10;
}

export function formatMs(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
