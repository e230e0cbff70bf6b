/** What a client may do. */
export const SCOPES = {
  submit: 'applications:submit',
  read: 'applications:read',
  erase: 'applications:erase',
} as const;

export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

export const ALL_SCOPES: readonly Scope[] = Object.values(SCOPES);

/** The caller of a request, once its credentials are checked. */
export interface AuthenticatedClient {
  /** The id applications are owned by: the client's id (API key) or the token's client_id. */
  readonly id: string;
  readonly scopes: ReadonlySet<string>;
  readonly via: 'api-key' | 'access-token';
}
