/** SHA-256 over the path and content of every file of the sources (paths relative to root). */
export function fingerprintOf(root: string, sources: readonly string[]): string;
