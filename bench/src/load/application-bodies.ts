/** A POST /applications body as a lender front end sends it. */
export interface ApplicationBody {
  readonly pan_number: string;
  readonly applicant_name?: string;
  readonly monthly_income_inr: number | string;
  readonly loan_amount_inr: number | string;
  readonly loan_type?: 'PERSONAL' | 'HOME' | 'AUTO';
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOAN_TYPES = ['PERSONAL', 'HOME', 'AUTO'] as const;
const NAMES = ['Asha Verma', 'Rahul Iyer', 'Meera Nair', 'Vikram Singh', 'Priya Das', 'Arjun Rao'];

/** mulberry32: a small seeded generator, so a run's bodies can be reproduced. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function panNumber(random: () => number): string {
  const roll = random();
  if (roll < 0.1) return 'ABCDE1234F';
  if (roll < 0.2) return 'FGHIJ5678K';
  const letters = (n: number): string =>
    Array.from({ length: n }, () => LETTERS.charAt(Math.floor(random() * LETTERS.length))).join('');
  const digits = String(Math.floor(random() * 10_000)).padStart(4, '0');
  return `${letters(5)}${digits}${letters(1)}`;
}

/** Rupees with paise, as a number or as a decimal string (clients send both). */
function rupees(random: () => number, min: number, max: number): number | string {
  const paise = Math.floor((min + random() * (max - min)) * 100);
  return random() < 0.5 ? Math.floor(paise / 100) : (paise / 100).toFixed(2);
}

/**
 * Endless varied, valid application bodies: PANs (a fifth of them the spec's test PANs), incomes
 * around every decision boundary, loan amounts and types, with and without the optional fields.
 */
export function applicationBodies(seed = 1): () => ApplicationBody {
  const random = seededRandom(seed);
  return () => {
    const loanType = random() < 0.85 ? pick(random, LOAN_TYPES) : undefined;
    const applicantName = random() < 0.7 ? pick(random, NAMES) : undefined;
    return {
      pan_number: panNumber(random),
      ...(applicantName === undefined ? {} : { applicant_name: applicantName }),
      monthly_income_inr: rupees(random, 15_000, 250_000),
      loan_amount_inr: rupees(random, 50_000, 6_000_000),
      ...(loanType === undefined ? {} : { loan_type: loanType }),
    };
  };
}

/** An amount of a body as the canonical two-decimal string the API stores. */
export function canonicalInr(amount: number | string): string {
  return typeof amount === 'number' ? amount.toFixed(2) : Number(amount).toFixed(2);
}
