/**
 * A PAN wherever it stands, in any case, next to any other character (`xQRSTU5678V`,
 * `KLMNO1234P_20261201`, `abcde1234f`): no word boundaries, which an underscore or a letter
 * defeats. It may also mask a PAN-shaped run inside an id (5 hex letters, 4 digits, a hex letter);
 * a masked id in a log line is the lesser harm. Without flags, so that a JSON Schema `pattern` can
 * say it too (the API's document refuses it in trace ids).
 */
export const PAN_ANYWHERE_TEXT = '[A-Za-z]{5}[0-9]{4}[A-Za-z]';
const PAN_ANYWHERE = new RegExp(PAN_ANYWHERE_TEXT, 'g');

/** A PAN with all but its last four characters hidden: ABCDE1234F -> ******234F. */
export function maskPan(pan: string): string {
  return pan.length <= 4 ? '*'.repeat(pan.length) : `${'*'.repeat(pan.length - 4)}${pan.slice(-4)}`;
}

/** Text with every PAN in it masked. */
export function maskPansIn(text: string): string {
  return text.replace(PAN_ANYWHERE, maskPan);
}

const PAN_INSIDE = new RegExp(PAN_ANYWHERE_TEXT);

/** Whether text holds something shaped like a PAN (to refuse it where personal data has no place). */
export function containsPan(text: string): boolean {
  return PAN_INSIDE.test(text);
}
