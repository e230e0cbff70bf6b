import test from 'ava';
import { parseCommand, type Command } from '../src/arguments.ts';
import { UsageError } from '../src/errors.ts';

const submit = ['submit', '--pan', 'ABCDE1234F', '--income', '100000', '--amount', '200000'];

test('a submit with the required options becomes the request body, money as typed', (t) => {
  t.deepEqual(parseCommand(submit), {
    name: 'submit',
    apiUrl: 'http://localhost:3000',
    timeoutMs: 60_000,
    wait: false,
    application: { pan_number: 'ABCDE1234F', monthly_income_inr: 100000, loan_amount_inr: 200000 },
  });
});

test('the optional name, loan type, --wait, --url and --timeout are taken as given', (t) => {
  const command = parseCommand(
    [
      ...submit,
      '--name',
      'Asha Verma',
      '--type',
      'HOME',
      '--wait',
      '--url',
      'http://api:3000',
      '--timeout',
      '2.5',
    ],
    {},
  );
  t.like(command, {
    name: 'submit',
    apiUrl: 'http://api:3000',
    timeoutMs: 2500,
    wait: true,
    application: { applicant_name: 'Asha Verma', loan_type: 'HOME' },
  });
});

const amounts: [typed: string, sent: number | string][] = [
  ['100000', 100000],
  ['0', 0],
  ['45000.50', '45000.50'],
  ['45000.5', '45000.5'],
  ['0.10', '0.10'],
  ['007', '007'],
  ['1234567890123456', '1234567890123456'],
  ['1,00,000', '1,00,000'],
  ['1e5', '1e5'],
];

for (const [typed, sent] of amounts) {
  test(`an amount typed as ${typed} is sent as ${JSON.stringify(sent)}`, (t) => {
    const command = parseCommand(['submit', '--pan', 'ABCDE1234F', '--income', typed, '--amount', typed]);
    t.like(command, { application: { monthly_income_inr: sent, loan_amount_inr: sent } });
  });
}

test('PREQUAL_API_URL is the default API, --url wins over it', (t) => {
  const env = { PREQUAL_API_URL: 'https://prequal.example' };
  t.like(parseCommand(['status', 'abc'], env), { apiUrl: 'https://prequal.example' });
  t.like(parseCommand(['status', 'abc', '--url', 'http://127.0.0.1:3000'], env), {
    apiUrl: 'http://127.0.0.1:3000',
  });
});

test('status and get take the application id', (t) => {
  t.like(parseCommand(['status', 'c0ffee']), { name: 'status', applicationId: 'c0ffee' });
  t.like(parseCommand(['get', 'c0ffee', '--timeout', '5']), {
    name: 'get',
    applicationId: 'c0ffee',
    timeoutMs: 5000,
  });
});

const helps: string[][] = [[], ['help'], ['--help'], ['-h'], ['submit', '--help'], ['status', '-h']];
for (const argv of helps) {
  test(`\`prequal ${argv.join(' ')}\` asks for the usage`, (t) => {
    t.deepEqual<Command, Command>(parseCommand(argv), { name: 'help' });
  });
}

const mistakes: [argv: string[], message: RegExp][] = [
  [['submit', '--pan', 'ABCDE1234F'], /submit needs --income, --amount$/],
  [['submit'], /submit needs --pan, --income, --amount$/],
  [[...submit, 'extra'], /options only, got extra/],
  [[...submit, '--colour', 'blue'], /Unknown option '--colour'/],
  [[...submit, '--timeout', '0'], /--timeout is a number of seconds above 0/],
  [[...submit, '--timeout', 'soon'], /--timeout is a number of seconds above 0/],
  [[...submit, '--url', 'localhost:3000'], /--url must be an http\(s\) URL/],
  [[...submit, '--url', 'ftp://example.com'], /--url must be an http\(s\) URL/],
  [['status'], /usage: prequal status <application-id>/],
  [['get', 'a', 'b'], /usage: prequal get <application-id>/],
  [['approve'], /unknown command "approve"/],
];

for (const [argv, message] of mistakes) {
  test(`\`prequal ${argv.join(' ')}\` is a usage error`, (t) => {
    t.throws(() => parseCommand(argv), { instanceOf: UsageError, message });
  });
}

test('--api-key wins over PREQUAL_API_KEY, which is used when no flag is given; each is named', (t) => {
  const env = { PREQUAL_API_KEY: 'from-env' };
  t.like(parseCommand(['status', 'abc', '--api-key', 'from-flag'], env), {
    credential: { key: 'from-flag', from: '--api-key' },
  });
  t.like(parseCommand([...submit], env), { credential: { key: 'from-env', from: 'PREQUAL_API_KEY' } });
  t.false(
    'credential' in parseCommand(['get', 'abc'], { PREQUAL_API_KEY: '  ' }),
    'a blank variable is no key',
  );
});

test('status and get take --json; without it they print words and indented JSON', (t) => {
  t.like(parseCommand(['status', 'abc', '--json']), { name: 'status', json: true });
  t.like(parseCommand(['get', 'abc']), { name: 'get', json: false });
});

test('--version and -V ask for the version', (t) => {
  t.deepEqual<Command, Command>(parseCommand(['--version']), { name: 'version' });
  t.deepEqual<Command, Command>(parseCommand(['-V']), { name: 'version' });
});

test('an empty --api-key is a usage error, and submit takes no --json', (t) => {
  t.throws(() => parseCommand(['status', 'abc', '--api-key', '']), {
    instanceOf: UsageError,
    message: /--api-key is empty/,
  });
  t.throws(() => parseCommand([...submit, '--json']), { instanceOf: UsageError, message: /'--json'/ });
});
