import packageJson from '../package.json' with { type: 'json' };

/** This CLI's version, as its package.json says. */
export const VERSION: string = packageJson.version;
