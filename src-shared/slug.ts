/** Ids and file names from titles: `Dwell times fell` → `dwell-times-fell`. Pure TS. */

/** A slide id from its title: lower-case ASCII letters, digits and dashes, cut at a word boundary. */
export function slugify(text: string, max: number): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug;
  const cut = slug.slice(0, max + 1);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > max / 2 ? cut.slice(0, lastDash) : cut.slice(0, max)).replace(/-+$/, '');
}
