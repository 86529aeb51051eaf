/**
 * The width of text made only of characters one column wide, or -1. Printable ASCII and the
 * Latin, Greek, punctuation, arrow, box-drawing and block characters the panels draw with:
 * none of them joins a neighbour into one grapheme or has an emoji presentation
 * (test/ui/text-width.test.ts checks each against string-width).
 */
const NARROW = /^[\u0020-\u007E\u00A1-\u00AC\u00AE-\u02FF\u0370-\u0377\u037A-\u037F\u0384-\u038A\u038C\u038E-\u03A1\u03A3-\u03FF\u2010-\u2027\u2030-\u205E\u2190-\u21FF\u2200-\u22FF\u232B\u2500-\u25FC\u25FF\u267B\u2713-\u271D\u27F0-\u27FF]*$/;
/** Select Graphic Rendition: the only escape sequences chalk writes. */
const SGR = /\u001B\[[0-9;]*m/g;

export function narrowWidth(text: string): number {
  const plain = text.includes('\u001B') ? text.replace(SGR, '') : text;
  return NARROW.test(plain) ? plain.length : -1;
}
