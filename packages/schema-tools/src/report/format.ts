/** How diff, check and validate print their report. */
export const FORMATS = ['text', 'markdown', 'json', 'github-actions'] as const;

export type Format = (typeof FORMATS)[number];

/** The version of the JSON documents' shape (README: "The JSON report"); raised on any incompatible change. */
export const FORMAT_VERSION = 1;
