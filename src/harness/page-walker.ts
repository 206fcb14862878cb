/**
 * The one page walker: follows NextToken from the first page until it is absent, and stops a
 * walk that cannot end (a token handed back twice, or more pages than allowed) with the
 * caller's own error, so a broken endpoint can never keep a run walking.
 */

export interface WalkLimits<P> {
  maxPages: number;
  /** The error for page `n`, whose NextToken was already used earlier in the walk. */
  cycle: (page: P, n: number) => Error;
  /** The error for page `n`, the last allowed, which still has a NextToken. */
  tooMany: (page: P, n: number) => Error;
}

export async function walkPages<P>(fetch: (nextToken: string | undefined) => Promise<P>, nextTokenOf: (page: P) => string | undefined, limits: WalkLimits<P>): Promise<P[]> {
  const pages: P[] = [];
  const seen = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await fetch(nextToken);
    pages.push(page);
    nextToken = nextTokenOf(page);
    if (nextToken === undefined) break;
    if (seen.has(nextToken)) throw limits.cycle(page, pages.length);
    if (pages.length >= limits.maxPages) throw limits.tooMany(page, pages.length);
    seen.add(nextToken);
  } while (nextToken !== undefined);
  return pages;
}
