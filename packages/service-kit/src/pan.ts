/** An Indian PAN: 5 letters, 4 digits, 1 letter. */
export const PAN_PATTERN = /^[A-Z]{5}[0-9]{4}[A-Z]$/;

const PAN_ANYWHERE = /\b[A-Z]{5}[0-9]{4}[A-Z]\b/g;

/** A PAN with all but its last four characters hidden: ABCDE1234F -> ******234F. */
export function maskPan(pan: string): string {
  return pan.length <= 4 ? '*'.repeat(pan.length) : `${'*'.repeat(pan.length - 4)}${pan.slice(-4)}`;
}

/** Text with every PAN in it masked. */
export function maskPansIn(text: string): string {
  return text.replace(PAN_ANYWHERE, maskPan);
}
