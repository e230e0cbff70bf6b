/**
 * `count` copies of `tuple` joined by commas, for the bind parameters of raw SQL:
 * `placeholders(2, '(?, ?)')` is `(?, ?), (?, ?)`. An empty list would be invalid SQL, so it throws.
 */
export function placeholders(count: number, tuple = '?'): string {
  if (count < 1) throw new Error('an SQL list needs at least one item');
  return Array.from({ length: count }, () => tuple).join(', ');
}
