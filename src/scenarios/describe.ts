/** A YAML value as an error message quotes it ("got …"): a short string in quotes, a number, 'a list', 'a mapping', 'nothing'. */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (typeof v === 'string') {
    const short = v.length > 40 ? `${v.slice(0, 37)}...` : v;
    return `'${short.replace(/\n/g, '\\n')}'`;
  }
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? 'a list' : 'a mapping';
}
