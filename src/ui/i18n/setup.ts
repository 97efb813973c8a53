/** The words of <setup-panel> (disks, first experiment) and of the sample pictures, in English and German. */
import { localized } from './messages.ts';
import { bytesText, num } from './terms.ts';

/** What a new disk is filled with. */
export type ContentKind = 'zero' | 'index' | 'byte' | 'text' | 'sample' | 'file';

const CONTENT_EN: Readonly<Record<ContentKind, string>> = {
  zero: 'Zeros (an empty disk)',
  index: 'Index pattern (each block shows its number)',
  byte: 'One byte value everywhere',
  text: 'A text',
  sample: 'A sample picture',
  file: 'Your own image file',
};
const CONTENT_DE: Readonly<Record<ContentKind, string>> = {
  zero: 'Nullen (ein leeres Laufwerk)',
  index: 'Indexmuster (jeder Block zeigt seine Nummer)',
  byte: 'Überall ein Bytewert',
  text: 'Ein Text',
  sample: 'Ein Beispielbild',
  file: 'Eine eigene Bilddatei',
};
const SAMPLES_DE: Readonly<Record<string, string>> = {
  landscape: 'Landschaft mit Sonne',
  target: 'Zielscheibe mit großen Ziffern',
  smiley: 'Lächelndes Gesicht',
};

/** The setup panel's words in the current language. */
export const setupWords = localized(
  {
    heading: 'Set up the array',
    startFirst: 'Start a first experiment',
    startFirstHint: (blocks: number) => `Creates a source with a picture and an empty target (${blocks} blocks each) and starts an online copy.`,
    newDisk: 'New disk',
    name: 'Name',
    blocks: 'Blocks',
    blockSize: 'Block size',
    content: 'Content',
    contentLabel: (kind: ContentKind): string => CONTENT_EN[kind],
    byteValue: 'Byte value (0 to 255)',
    text: 'Text',
    defaultText: 'Hello from the storage lab!',
    picture: 'Picture',
    sample: (_id: string, label: string): string => label,
    imageFile: 'Image file',
    createDisk: 'Create disk',
    deleteHeading: 'Delete a disk',
    disk: 'Disk',
    deleteDisk: 'Delete disk',
    noDisks: 'There are no disks to delete yet.',
    size: (blocks: number, blockSize: number) => `${blocks.toLocaleString('en')} blocks × ${bytesText(blockSize)} = ${bytesText(blocks * blockSize)}.`,
    tooLarge: 'A disk holds at most 1 GiB: use fewer or smaller blocks.',
    pictureTooLarge: (max: number) => `A picture fills at most ${bytesText(max)}: use fewer or smaller blocks.`,
    preparing: 'Preparing the picture…',
    unreadableImage: 'This image could not be read: choose a PNG, JPEG, GIF or WebP picture.',
    noRoom: (bytes: number, available: number) =>
      `A disk of ${bytesText(bytes)} needs up to ${bytesText(bytes)} once written, but the browser has only ${bytesText(available)} left for this site: use fewer or smaller blocks, or delete a disk first.`,
  },
  {
    heading: 'Das Array einrichten',
    startFirst: 'Ein erstes Experiment starten',
    startFirstHint: (blocks: number) =>
      `Erstellt ein Quelllaufwerk mit einem Bild und ein leeres Ziellaufwerk (je ${num(blocks)} Blöcke) und startet eine Online-Kopie.`,
    newDisk: 'Neues Laufwerk',
    name: 'Name',
    blocks: 'Blöcke',
    blockSize: 'Blockgröße',
    content: 'Inhalt',
    contentLabel: (kind: ContentKind): string => CONTENT_DE[kind],
    byteValue: 'Bytewert (0 bis 255)',
    text: 'Text',
    defaultText: 'Hallo aus dem Storage Lab!',
    picture: 'Bild',
    sample: (id: string, label: string): string => SAMPLES_DE[id] ?? label,
    imageFile: 'Bilddatei',
    createDisk: 'Laufwerk erstellen',
    deleteHeading: 'Ein Laufwerk löschen',
    disk: 'Laufwerk',
    deleteDisk: 'Laufwerk löschen',
    noDisks: 'Es gibt noch keine Laufwerke zum Löschen.',
    size: (blocks: number, blockSize: number) => `${num(blocks)} Blöcke × ${bytesText(blockSize)} = ${bytesText(blocks * blockSize)}.`,
    tooLarge: 'Ein Laufwerk fasst höchstens 1 GiB: Verwenden Sie weniger oder kleinere Blöcke.',
    pictureTooLarge: (max: number) => `Ein Bild füllt höchstens ${bytesText(max)}: Verwenden Sie weniger oder kleinere Blöcke.`,
    preparing: 'Das Bild wird vorbereitet …',
    unreadableImage: 'Dieses Bild ließ sich nicht lesen: Wählen Sie ein PNG-, JPEG-, GIF- oder WebP-Bild.',
    noRoom: (bytes: number, available: number) =>
      `Ein Laufwerk von ${bytesText(bytes)} braucht beschrieben bis zu ${bytesText(bytes)}, aber der Browser hat für diese Website nur noch ${bytesText(available)} frei: Verwenden Sie weniger oder kleinere Blöcke, oder löschen Sie zuerst ein Laufwerk.`,
  },
);
