/**
 * Where two JSON values differ, as JSON paths: `.Records[Key="score"].Value`, `.status`.
 * Records are a set, matched by Key (the API promises no order); every other array is
 * compared place by place. A member one side lacks is `(absent)`.
 */

export interface PathDifference {
  path: string;
  recorded: unknown;
  replayed: unknown;
}

/** The value a side lacks, as shown in a difference. */
export const ABSENT = "(absent)";

export function jsonDifferences(recorded: unknown, replayed: unknown, path = ""): PathDifference[] {
  if (Object.is(recorded, replayed)) return [];
  if (Array.isArray(recorded) && Array.isArray(replayed)) {
    return path.endsWith(".Records") && keyed(recorded) && keyed(replayed) ? setDifferences(recorded, replayed, path) : listDifferences(recorded, replayed, path);
  }
  if (isObject(recorded) && isObject(replayed)) {
    const names = [...new Set([...Object.keys(recorded), ...Object.keys(replayed)])];
    return names.flatMap((n) => {
      const at = `${path}.${/^[A-Za-z_][\w-]*$/.test(n) ? n : JSON.stringify(n)}`;
      if (!(n in replayed)) return [{ path: at, recorded: recorded[n], replayed: ABSENT }];
      if (!(n in recorded)) return [{ path: at, recorded: ABSENT, replayed: replayed[n] }];
      return jsonDifferences(recorded[n], replayed[n], at);
    });
  }
  return [{ path: path || ".", recorded, replayed }];
}

type Keyed = { Key: string };
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const keyed = (items: unknown[]): items is Keyed[] => items.every((r) => isObject(r) && typeof r.Key === "string");

function setDifferences(recorded: Keyed[], replayed: Keyed[], path: string): PathDifference[] {
  const by = (items: Keyed[]) => new Map(items.map((r) => [r.Key, r]));
  const [a, b] = [by(recorded), by(replayed)];
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const out = keys.flatMap((k) => {
    const at = `${path}[Key=${JSON.stringify(k)}]`;
    if (!b.has(k)) return [{ path: at, recorded: a.get(k), replayed: ABSENT }];
    if (!a.has(k)) return [{ path: at, recorded: ABSENT, replayed: b.get(k) }];
    return jsonDifferences(a.get(k), b.get(k), at);
  });
  // A key twice in one page is a difference of its own that matching by Key would hide.
  if (a.size !== recorded.length || b.size !== replayed.length) out.push({ path: `${path}.length`, recorded: recorded.length, replayed: replayed.length });
  return out;
}

function listDifferences(recorded: unknown[], replayed: unknown[], path: string): PathDifference[] {
  const out = recorded.slice(0, replayed.length).flatMap((x, i) => jsonDifferences(x, replayed[i], `${path}[${i}]`));
  if (recorded.length !== replayed.length) out.push({ path: `${path}.length`, recorded: recorded.length, replayed: replayed.length });
  return out;
}
