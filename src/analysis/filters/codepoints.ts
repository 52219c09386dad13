// Named code points, so the filters read like the rules they implement.
export const CAPITAL_I_WITH_DOT = '\u0130'; // İ
export const DOTLESS_SMALL_I = '\u0131'; // ı
export const COMBINING_DOT_ABOVE = '\u0307';
export const APOSTROPHES = /['\u2019\u02BC]/; // ' ’ ʼ
