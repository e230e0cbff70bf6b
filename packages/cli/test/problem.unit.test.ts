import test from 'ava';
import { describeRefusal } from '../src/problem.ts';

test('a 422 problem names its detail and every invalid field', (t) => {
  const problem = {
    type: 'https://prequal.example/problems/invalid-application',
    title: 'Invalid application',
    status: 422,
    detail: 'the application has 2 invalid fields',
    errors: [
      { field: 'pan_number', message: 'pan_number must be an Indian PAN: 5 letters, 4 digits, 1 letter' },
      { field: 'loan_amount_inr', message: 'is required' },
    ],
  };
  t.deepEqual(describeRefusal(422, problem), [
    'HTTP 422 Invalid application: the application has 2 invalid fields',
    '  pan_number must be an Indian PAN: 5 letters, 4 digits, 1 letter',
    '  loan_amount_inr: is required',
  ]);
});

test('a problem without field errors is one line', (t) => {
  t.deepEqual(describeRefusal(404, { title: 'Application not found', detail: 'no application 42' }), [
    'HTTP 404 Application not found: no application 42',
  ]);
});

test('a body that is not a problem still gives the status', (t) => {
  t.deepEqual(describeRefusal(502, undefined), ['HTTP 502']);
  t.deepEqual(describeRefusal(500, '<html>oops</html>'), ['HTTP 500']);
  t.deepEqual(describeRefusal(400, { title: '', detail: 42, errors: 'no' }), ['HTTP 400']);
});

test('malformed entries of errors are skipped, a missing field is the body', (t) => {
  const errors = [null, 'text', { field: 'x' }, { message: 'the body must be a JSON object' }];
  t.deepEqual(describeRefusal(422, { title: 'Invalid application', errors }), [
    'HTTP 422 Invalid application',
    '  (body): the body must be a JSON object',
  ]);
});
