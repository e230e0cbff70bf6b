/** The API key a request carries (`Authorization: Bearer <key>`), and where it came from, to name it in errors. */
export interface Credential {
  readonly key: string;
  /** `--api-key`, `PREQUAL_API_KEY`, or the path of the dev key file. */
  readonly from: string;
}
