#!/usr/bin/env node
// `make openapi-lint` (and anyone who wants the document without running the API): the OpenAPI
// document the API serves at /openapi.json, on stdout, for PUBLIC_BASE_URL and BODY_LIMIT_BYTES.
import { loadPrequalApiConfig } from '../config.ts';
import { openApiDocument } from '../http/openapi.ts';

const { PUBLIC_BASE_URL, BODY_LIMIT_BYTES } = loadPrequalApiConfig();
process.stdout.write(
  `${JSON.stringify(openApiDocument({ serverUrl: PUBLIC_BASE_URL, bodyLimitBytes: BODY_LIMIT_BYTES }), null, 2)}\n`,
);
