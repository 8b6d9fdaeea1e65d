// What makes two tags one tag: the store's keys, the snapshot and the views all fold alike.

/** Tags are grouped case- and normal-form-insensitively: 'beego' and 'Beego' are one tag. */
export function foldTag(tag: string): string {
  return tag.normalize('NFC').toLowerCase();
}
