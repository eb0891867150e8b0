/**
 * Letters that Unicode canonical decomposition leaves whole (they are letters of their own,
 * not a base letter plus a mark) with the ASCII spelling usually used for them in user names
 * and e-mail addresses. Covers Latin-1 Supplement, Latin Extended-A, Latin Extended Additional
 * and the Latin Extended-B letters that occur in living orthographies.
 */
// prettier-ignore
const LETTERS: ReadonlyMap<string, string> = new Map(Object.entries({
  // Latin-1 Supplement
  Æ: 'AE', æ: 'ae', Ð: 'D', ð: 'd', Ø: 'O', ø: 'o', Þ: 'TH', þ: 'th', ß: 'ss', ª: 'a', º: 'o',
  // Latin Extended-A
  Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ĳ: 'IJ', ĳ: 'ij', ĸ: 'k', Ŀ: 'L', ŀ: 'l', Ł: 'L', ł: 'l',
  ŉ: "'n", Ŋ: 'N', ŋ: 'n', Œ: 'OE', œ: 'oe', Ŧ: 'T', ŧ: 't', ſ: 's',
  // Latin Extended-B
  ƀ: 'b', Ɓ: 'B', Ƃ: 'B', ƃ: 'b', Ƈ: 'C', ƈ: 'c', Ɖ: 'D', Ɗ: 'D', Ƌ: 'D', ƌ: 'd', Ƒ: 'F', ƒ: 'f',
  Ɠ: 'G', Ɨ: 'I', Ƙ: 'K', ƙ: 'k', ƚ: 'l', Ɲ: 'N', ƞ: 'n', Ƥ: 'P', ƥ: 'p', Ƭ: 'T', ƭ: 't', Ʈ: 'T',
  Ʋ: 'V', Ƴ: 'Y', ƴ: 'y', Ƶ: 'Z', ƶ: 'z', Ǆ: 'DZ', ǅ: 'Dz', ǆ: 'dz', Ǉ: 'LJ', ǈ: 'Lj', ǉ: 'lj',
  Ǌ: 'NJ', ǋ: 'Nj', ǌ: 'nj', Ǥ: 'G', ǥ: 'g', Ǳ: 'DZ', ǲ: 'Dz', ǳ: 'dz', ȡ: 'd', Ȥ: 'Z', ȥ: 'z',
  ȴ: 'l', ȵ: 'n', ȶ: 't', ȷ: 'j', Ⱥ: 'A', Ȼ: 'C', ȼ: 'c', Ƚ: 'L', Ⱦ: 'T', ȿ: 's', ɀ: 'z', Ƀ: 'B',
  Ʉ: 'U', Ɇ: 'E', ɇ: 'e', Ɉ: 'J', ɉ: 'j', Ɋ: 'Q', ɋ: 'q', Ɍ: 'R', ɍ: 'r', Ɏ: 'Y', ɏ: 'y',
  // Latin Extended Additional
  ẚ: 'a', ẜ: 's', ẝ: 's', ẞ: 'SS', ẟ: 'd', Ỻ: 'LL', ỻ: 'll', Ỽ: 'V', ỽ: 'v', Ỿ: 'Y', ỿ: 'y',
}));

/**
 * The blocks of combining diacritical marks that decomposing Latin, Greek and Cyrillic letters
 * produces. Marks of other scripts (Devanagari vowel signs, Hebrew points, …) are left alone:
 * removing them would change the text, not strip an accent.
 */
function isDiacriticalMark(code: number): boolean {
  return (
    (code >= 0x0300 && code <= 0x036f) ||
    (code >= 0x1ab0 && code <= 0x1aff) ||
    (code >= 0x1dc0 && code <= 0x1dff) ||
    (code >= 0x20d0 && code <= 0x20ff) ||
    (code >= 0xfe20 && code <= 0xfe2f)
  );
}

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0x7f) return false;
  return true;
}

/**
 * Removes accents and spells special Latin letters in ASCII: "Ærøskøbing Łódź Ñúñez straße"
 * → "AEroskobing Lodz Nunez strasse". Canonical decomposition (NFD) splits "ó" into "o" and a
 * combining accent, the accent is dropped, the table handles letters that do not decompose,
 * and the rest of the text is composed again (NFC) so other scripts come out as they went in.
 * Every mark and table letter is in the Basic Multilingual Plane, so one UTF-16 unit at a time
 * is enough; surrogate pairs pass through untouched.
 */
export function normalizeDiacritics(text: string): string {
  if (isAscii(text)) return text;
  const decomposed = text.normalize('NFD');
  let out = '';
  for (let index = 0; index < decomposed.length; index++) {
    const code = decomposed.charCodeAt(index);
    if (isDiacriticalMark(code)) continue;
    const char = decomposed[index]!;
    out += LETTERS.get(char) ?? char;
  }
  return out.normalize('NFC');
}
