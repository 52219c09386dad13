// UI strings of the widget, Turkish and English. The language comes from data-lang, else the
// nearest lang attribute (the page's <html lang>), else the browser's; anything that is not
// Turkish is English.

export type UiLang = 'tr' | 'en';

export interface Strings {
  region: string;
  label: string;
  placeholder: string;
  clear: string;
  suggestions: string;
  languages: string;
  allLanguages: string;
  year: string;
  anyYear: string;
  source: string;
  anySource: string;
  category: string;
  anyCategory: string;
  sort: string;
  relevance: string;
  newest: string;
  didYouMean: string;
  results: (n: number) => string;
  shown: (shown: number, total: number) => string;
  noResults: (q: string) => string;
  noResultsHint: string;
  clearFilters: string;
  more: string;
  loading: string;
  errorDown: string;
  errorAuth: string;
  errorRate: string;
  errorRequest: string;
  errorConfig: string;
  retry: string;
}

const num = (lang: UiLang, n: number) => n.toLocaleString(lang === 'tr' ? 'tr-TR' : 'en-GB');

export const STRINGS: Record<UiLang, Strings> = {
  tr: {
    region: 'Site içi arama',
    label: 'Ara',
    placeholder: 'Haberlerde ara…',
    clear: 'Aramayı temizle',
    suggestions: 'Öneriler',
    languages: 'Dil',
    allLanguages: 'Tüm diller',
    year: 'Yıl',
    anyYear: 'Tüm yıllar',
    source: 'Kaynak',
    anySource: 'Tüm kaynaklar',
    category: 'Kategori',
    anyCategory: 'Tüm kategoriler',
    sort: 'Sıralama',
    relevance: 'En ilgili',
    newest: 'En yeni',
    didYouMean: 'Bunu mu demek istediniz:',
    results: (n) => `${num('tr', n)} sonuç`,
    shown: (s, t) => `${num('tr', t)} sonucun ilk ${num('tr', s)} tanesi gösteriliyor`,
    noResults: (q) => (q ? `“${q}” için sonuç bulunamadı.` : 'Sonuç bulunamadı.'),
    noResultsHint: 'Yazımı kontrol edin, daha az kelime deneyin ya da filtreleri kaldırın.',
    clearFilters: 'Filtreleri kaldır',
    more: 'Daha fazla sonuç',
    loading: 'Aranıyor…',
    errorDown: 'Arama şu anda kullanılamıyor. Birazdan tekrar deneyin.',
    errorAuth: 'Arama kutusu yanlış yapılandırılmış (API anahtarı).',
    errorRate: 'Çok fazla arama yapıldı; biraz bekleyin.',
    errorRequest: 'Bu arama yapılamadı.',
    errorConfig: 'Arama kutusu yanlış yapılandırılmış (data-endpoint).',
    retry: 'Tekrar dene',
  },
  en: {
    region: 'Site search',
    label: 'Search',
    placeholder: 'Search the news…',
    clear: 'Clear search',
    suggestions: 'Suggestions',
    languages: 'Language',
    allLanguages: 'All languages',
    year: 'Year',
    anyYear: 'Any year',
    source: 'Source',
    anySource: 'All sources',
    category: 'Category',
    anyCategory: 'All categories',
    sort: 'Sort',
    relevance: 'Most relevant',
    newest: 'Newest first',
    didYouMean: 'Did you mean',
    results: (n) => `${num('en', n)} ${n === 1 ? 'result' : 'results'}`,
    shown: (s, t) => `Showing ${num('en', s)} of ${num('en', t)}`,
    noResults: (q) => (q ? `No results for “${q}”.` : 'No results.'),
    noResultsHint: 'Check the spelling, try fewer words, or remove the filters.',
    clearFilters: 'Remove filters',
    more: 'More results',
    loading: 'Searching…',
    errorDown: 'Search is unavailable right now. Please try again in a moment.',
    errorAuth: 'This search box is misconfigured (API key).',
    errorRate: 'Too many searches; please wait a moment.',
    errorRequest: 'This search could not be run.',
    errorConfig: 'This search box is misconfigured (data-endpoint).',
    retry: 'Try again',
  },
};

/** `tr` for any Turkish tag (`tr`, `tr-TR`), else `en`. */
export function pickLang(...candidates: (string | null | undefined)[]): UiLang {
  for (const c of candidates) if (c) return /^tr\b/i.test(c.trim()) ? 'tr' : 'en';
  return 'en';
}

/** A document date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) as the reader's language writes it. */
export function formatDate(date: string, lang: UiLang): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(date);
  if (!m || !m[2]) return date;
  const d = new Date(Date.UTC(+m[1]!, +m[2] - 1, m[3] ? +m[3] : 1));
  const opts: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', timeZone: 'UTC', ...(m[3] ? { day: 'numeric' } : {}) };
  return d.toLocaleDateString(lang === 'tr' ? 'tr-TR' : 'en-GB', opts);
}
