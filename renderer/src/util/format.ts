// Short human forms for tables: ages like kubectl prints them, sizes, cores.

/** kubectl's age: 45s, 3m12s, 5h, 2d3h, 120d. */
export function formatAge(from: string | undefined | null, now: number): string {
  if (!from) return '';
  const s = Math.max(0, Math.floor((now - Date.parse(from)) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60 ? `${s % 60}s` : ''}`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h${h < 8 && m % 60 ? `${m % 60}m` : ''}`;
  const d = Math.floor(h / 24);
  return d < 8 && h % 24 ? `${d}d${h % 24}h` : `${d}d`;
}

export function formatBytes(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n >= 10 || i === 0 ? Math.round(n) : n.toFixed(1)} ${units[i]}`;
}

export function formatCores(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '–';
  if (n < 1) return `${Math.round(n * 1000)}m`;
  return `${Number.isInteger(n) ? n : n.toFixed(2)}`;
}

export function ageSortKey(from: string | undefined | null): number {
  return from ? -Date.parse(from) : 0;
}
