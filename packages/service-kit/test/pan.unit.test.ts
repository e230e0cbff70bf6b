import test from 'ava';
import { containsPan, maskPan, maskPansIn } from '@prequal/service-kit';

const cases: [text: string, masked: string][] = [
  ['pan ABCDE1234F here', 'pan ******234F here'],
  ['xQRSTU5678V', 'x******678V'],
  ['KLMNO1234P_20261201', '******234P_20261201'],
  ['lower case abcde1234f too', 'lower case ******234f too'],
  ['{"correlationId":"order-FGHIJ5678K-7"}', '{"correlationId":"order-******678K-7"}'],
  ['two: ABCDE1234FFGHIJ5678K', 'two: ******234F******678K'],
];

for (const [text, masked] of cases) {
  test(`a PAN next to other characters or in any case is masked: ${text}`, (t) => {
    t.is(maskPansIn(text), masked);
    t.true(containsPan(text));
  });
}

test('text without a PAN is left as it is', (t) => {
  for (const text of ['ABCD1234F', 'ABCDE12345', '6b1f3c52-0d4e-4f1a-9b7c-2a8d5e6f7a90', 'pqk_abc']) {
    t.is(maskPansIn(text), text);
    t.false(containsPan(text), text);
  }
});

test('a masked PAN keeps its last four characters', (t) => {
  t.is(maskPan('ABCDE1234F'), '******234F');
});
