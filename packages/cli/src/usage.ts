export const USAGE = `usage: prequal <command> [options]

commands:
  submit --pan PAN --income INR --amount INR [--type PERSONAL|HOME|AUTO] [--name NAME] [--wait]
                        submit an application and print its id and status; with --wait, print
                        each status change until a final one (PRE_APPROVED, REJECTED, MANUAL_REVIEW)
  status <application-id> [--json]
                        print the status of an application (--json: {"application_id","status"})
  get <application-id> [--json]
                        print the whole application as JSON (--json: on one line)

options (every command):
  --url URL             the API (default: $PREQUAL_API_URL, else http://localhost:3000)
  --api-key KEY         sent as Authorization: Bearer KEY (default: $PREQUAL_API_KEY, else the
                        file .stack/dev-api-key at the root of the git repository of the current
                        folder, else of the checkout prequal runs from; make run-native writes it)
  --timeout SECONDS     longest the command may take, waiting included (default: 60)
  -h, --help            show this help
  -V, --version         print the version

Amounts are rupees as you would write them (100000 or 45000.50) and are sent exactly as typed.
Results go to stdout, errors to stderr.

exit codes: 0 done, 1 the API refused the request or failed (a 401/403 names how to give a key),
            2 usage error, 3 the API could not be reached, 4 no final status before --timeout
`;
