export const USAGE = `usage: prequal <command> [options]

commands:
  submit --pan PAN --income INR --amount INR [--type PERSONAL|HOME|AUTO] [--name NAME] [--wait]
                        submit an application and print its id and status; with --wait, print
                        each status change until a final one (PRE_APPROVED, REJECTED, MANUAL_REVIEW)
  status <application-id>
                        print the status of an application
  get <application-id>  print the whole application as JSON

options:
  --url URL             the API (default: $PREQUAL_API_URL, else http://localhost:3000)
  --timeout SECONDS     longest the command may take, waiting included (default: 60)
  -h, --help            show this help

Amounts are rupees as you would write them (100000 or 45000.50) and are sent exactly as typed.

exit codes: 0 done, 1 the API refused the request or failed, 2 usage error,
            3 the API could not be reached, 4 no final status before --timeout
`;
