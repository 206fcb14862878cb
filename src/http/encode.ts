/**
 * URI encoding as the AWS SDK does it: each path label percent-encoded on its own
 * (so ':' travels as %3A and '/' as %2F), and RFC 3986 escaping of query names and values,
 * which is also what SigV4 expects in the canonical request.
 */
export const encodeSegment = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `/identitypools/{pool}/...` with every label encoded. */
export function buildPath(template: string, labels: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = labels[name];
    if (value === undefined) throw new Error(`no value for path label ${name}`);
    return encodeSegment(value);
  });
}

export function buildQuery(query: Record<string, string | undefined>): string {
  const parts = Object.entries(query)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `${encodeSegment(k)}=${encodeSegment(v)}`);
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}
