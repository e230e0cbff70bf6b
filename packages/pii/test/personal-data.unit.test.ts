import test from 'ava';
import {
  blindIndex,
  EventCipher,
  isSealed,
  Keyring,
  keyedFingerprint,
  newKeyring,
  openValue,
  parseKeyring,
  PersonalDataKeyMissingError,
  PersonalDataUnreadableError,
  personalDataFields,
  rotateKeyring,
  sealedKeyId,
  sealValue,
  serializeKeyring,
} from '@prequal/pii';
import { aSubmittedEvent } from '@prequal/testkit';

test('a sealed value opens to the plaintext, and shows none of it', async (t) => {
  const keyring = await Keyring.open(await newKeyring());
  const sealed = sealValue('ABCDE1234F', keyring, 'LoanApplicationSubmitted.panNumber');
  t.regex(sealed, /^pii1:k1:[A-Za-z0-9_-]+$/);
  t.false(sealed.toUpperCase().includes('ABCDE1234F'));
  t.not(
    sealValue('ABCDE1234F', keyring, 'LoanApplicationSubmitted.panNumber'),
    sealed,
    'a fresh nonce each time',
  );
  t.is(openValue(sealed, keyring, 'LoanApplicationSubmitted.panNumber'), 'ABCDE1234F');
});

test('a sealed value moved to another field, or altered, does not open', async (t) => {
  const keyring = await Keyring.open(await newKeyring());
  const sealed = sealValue('ABCDE1234F', keyring, 'LoanApplicationSubmitted.panNumber');
  t.throws(() => openValue(sealed, keyring, 'LoanApplicationSubmitted.applicantName'), {
    instanceOf: PersonalDataUnreadableError,
  });
  const altered = `${sealed.slice(0, -2)}${sealed.endsWith('AA') ? 'BB' : 'AA'}`;
  t.throws(() => openValue(altered, keyring, 'LoanApplicationSubmitted.panNumber'), {
    instanceOf: PersonalDataUnreadableError,
  });
  t.throws(() => openValue('pii1:k1:', keyring, 'x'), { instanceOf: PersonalDataUnreadableError });
});

test('a key that is not in the keyring, or no keyring, is a PersonalDataKeyMissingError, which is fatal', async (t) => {
  const writer = await Keyring.open(await newKeyring());
  const other = await Keyring.open(await newKeyring());
  const sealed = sealValue('Asha Verma', await Keyring.open(await rotateKeyring(await newKeyring())), 'f');
  t.is(sealedKeyId(sealed), 'k2');
  const missing = t.throws(() => openValue(sealed, writer, 'f'), { instanceOf: PersonalDataKeyMissingError });
  t.is(missing.kind, 'fatal');
  t.regex(missing.message, /sealed with key k2, which this keyring does not hold/);
  t.throws(() => openValue(sealValue('x', writer, 'f'), undefined, 'f'), {
    message: /a reader without a keyring cannot open/,
  });
  t.throws(() => openValue(sealValue('x', writer, 'f'), other, 'f'), {
    instanceOf: PersonalDataUnreadableError,
  });
});

test('after a rotation new values are sealed under the new key and the old ones still open', async (t) => {
  const first = await newKeyring();
  const before = sealValue('ABCDE1234F', await Keyring.open(first), 'f');
  const rotated = await rotateKeyring(parseKeyring(serializeKeyring(first)));
  const keyring = await Keyring.open(rotated);
  const after = sealValue('FGHIJ5678K', keyring, 'f');
  t.is(rotated.current, 'k2');
  t.deepEqual(keyring.ids.sort(), ['k1', 'k2']);
  t.is(sealedKeyId(before), 'k1');
  t.is(sealedKeyId(after), 'k2');
  t.is(openValue(before, keyring, 'f'), 'ABCDE1234F');
  t.is(openValue(after, keyring, 'f'), 'FGHIJ5678K');
});

test('a keyring reads from its JSON or its base64, and a broken one is refused clearly', async (t) => {
  const file = await newKeyring();
  t.deepEqual(parseKeyring(JSON.stringify(file)), file);
  t.deepEqual(parseKeyring(serializeKeyring(file)), file);
  t.throws(() => parseKeyring('not a keyring'), { message: /neither JSON nor base64/ });
  t.throws(() => parseKeyring('{"version":1,"current":"k1","dataKeys":{"k 1":"x"}}'), { message: /key id/ });
  await t.throwsAsync(Keyring.open({ ...file, current: 'k9' }), {
    message: /current key k9 is not in the keyring/,
  });
  await t.throwsAsync(Keyring.open({ ...file, kek: Buffer.alloc(32, 1).toString('base64') }), {
    message: /does not unwrap/,
  });
});

test('the blind index is keyed and ignores case; the fingerprint too', (t) => {
  const key = Buffer.alloc(32, 7);
  const another = Buffer.alloc(32, 8);
  t.is(blindIndex(key, 'ABCDE1234F'), blindIndex(key, 'abcde1234f'));
  t.regex(blindIndex(key, 'ABCDE1234F'), /^[0-9a-f]{64}$/);
  t.not(blindIndex(key, 'ABCDE1234F'), blindIndex(another, 'ABCDE1234F'), 'another key, another index');
  t.not(keyedFingerprint(key, 'a', 'text'), keyedFingerprint(key, 'b', 'text'), 'a key per purpose');
});

test('the schema tags decide what is sealed: the PAN and the name of a submitted application, nothing of a report', async (t) => {
  t.deepEqual(personalDataFields('loan_applications_submitted'), ['panNumber', 'applicantName']);
  t.deepEqual(personalDataFields('credit_reports_generated'), []);
  const cipher = new EventCipher(await Keyring.open(await newKeyring()));
  const event = aSubmittedEvent({ panNumber: 'ABCDE1234F', applicantName: 'Asha Verma' });
  const sealed = cipher.seal('loan_applications_submitted', event);
  t.true(isSealed(sealed.panNumber) && isSealed(sealed.applicantName ?? ''));
  t.is(sealed.monthlyIncomeInr, event.monthlyIncomeInr, 'untagged fields as they are');
  t.deepEqual(
    cipher.seal('loan_applications_submitted', sealed),
    sealed,
    'sealing a sealed event changes nothing',
  );
  t.deepEqual(cipher.open('loan_applications_submitted', sealed), event);
  const noName = cipher.seal('loan_applications_submitted', { ...event, applicantName: null });
  t.is(noName.applicantName, null);
  t.throws(() => new EventCipher(undefined).seal('loan_applications_submitted', event), {
    instanceOf: PersonalDataKeyMissingError,
    message: /cannot go out unsealed/,
  });
});
