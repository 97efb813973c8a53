/** The words of <storage-panel> and <lab-tab-notice> (storage in this browser, the lab in another tab), in English and German. */
import { localized } from './messages.ts';
import { bytesText } from './terms.ts';

/** Where the lab keeps its disks (lab-client.ts chosenStore). */
type Store = 'idb' | 'opfs';
const STORE_EN: Readonly<Record<Store, string>> = { idb: 'IndexedDB', opfs: 'the Origin Private File System (OPFS)' };

/** The storage panel's words in the current language. */
export const storageWords = localized(
  {
    heading: 'Storage in this browser',
    asking: 'Asking the browser…',
    keptIn: (store: Store) => `Disks are kept in ${STORE_EN[store]}.`,
    useOther: (store: Store) => `Use ${STORE_EN[store]} instead`,
    separate: ' (a separate array of disks, to compare the two).',
    uses: (usage: number, quota: number) =>
      `The lab uses ${bytesText(usage)} of about ${bytesText(quota)} this browser lets it store (${bytesText(Math.max(0, quota - usage))} left).`,
    unknownQuota: 'This browser does not say how much the lab may store.',
    used: 'Storage used',
    unknownPersistence: 'This browser does not say whether it may clear the lab’s data.',
    persistent: 'Persistent: the browser keeps your disks even when the device runs short of space.',
    notPersistent: 'Not persistent: the browser may clear your disks when the device runs short of space.',
    keep: 'Keep my disks (ask for persistent storage)',
    granted: 'The browser agreed: your disks are now kept even when space runs short.',
    refused:
      'The browser said no for now (it decides from how you use the site, for example a bookmark or an installed app). The lab works the same; its data may just be cleared under storage pressure.',
    noAnswer: 'The browser could not answer the request for persistent storage.',
  },
  {
    heading: 'Speicher in diesem Browser',
    asking: 'Der Browser wird gefragt …',
    keptIn: (store: Store) => `Die Laufwerke liegen ${store === 'idb' ? 'in IndexedDB' : 'im Origin Private File System (OPFS)'}.`,
    useOther: (store: Store) => `Stattdessen ${store === 'idb' ? 'IndexedDB' : 'das Origin Private File System (OPFS)'} verwenden`,
    separate: ' (ein eigenes Array von Laufwerken, um beide zu vergleichen).',
    uses: (usage: number, quota: number) =>
      `Das Labor belegt ${bytesText(usage)} von etwa ${bytesText(quota)}, die dieser Browser ihm erlaubt (${bytesText(Math.max(0, quota - usage))} frei).`,
    unknownQuota: 'Dieser Browser sagt nicht, wie viel das Labor speichern darf.',
    used: 'Belegter Speicher',
    unknownPersistence: 'Dieser Browser sagt nicht, ob er die Daten des Labors löschen darf.',
    persistent: 'Dauerhaft: Der Browser behält Ihre Laufwerke, auch wenn der Platz auf dem Gerät knapp wird.',
    notPersistent: 'Nicht dauerhaft: Der Browser darf Ihre Laufwerke löschen, wenn der Platz auf dem Gerät knapp wird.',
    keep: 'Meine Laufwerke behalten (dauerhaften Speicher anfragen)',
    granted: 'Der Browser hat zugestimmt: Ihre Laufwerke bleiben jetzt erhalten, auch wenn der Platz knapp wird.',
    refused:
      'Der Browser hat vorerst abgelehnt (er entscheidet danach, wie Sie die Website nutzen, etwa über ein Lesezeichen oder eine installierte App). Das Labor funktioniert genauso; seine Daten können nur bei Speichermangel gelöscht werden.',
    noAnswer: 'Der Browser konnte die Anfrage nach dauerhaftem Speicher nicht beantworten.',
  },
);

/** The tab notice's words in the current language. */
export const tabWords = localized(
  {
    elsewhere: 'The lab is open in another tab…',
    elsewhereText: 'Only one tab at a time drives the disks, so that two engines never write the same data. Your disks and copies are safe there.',
    useHere: 'Use the lab here',
    elsewhereHint: 'The other tab finishes its current operation, pauses its copier and workload, saves and lets go; then the lab starts here.',
    waiting: 'Asking the other tab to let go…',
    waitingText: 'It finishes its current operation, pauses and closes its storage; the lab starts here as soon as it has.',
    leaving: 'Handing the lab over to another tab…',
    leavingText: 'Finishing the current operation, pausing the copier and the workload, and closing storage.',
    moved: 'The lab moved to another tab',
    movedText:
      'You chose to use the lab in another tab. Everything acknowledged here was saved before it left; the copier carries on there, the workload generator is paused.',
    takeBack: 'Take it back',
    lost: 'The lab stopped in this tab',
    lostText: (reason: string) =>
      `It can no longer use the browser's storage: ${reason}. Everything acknowledged before is kept. Reload the page to continue with the current version of the lab.`,
    reload: 'Reload',
    starting: 'Starting…',
    newerVersion: 'the data in this browser was saved by a newer version of the lab (opened in another tab)',
  },
  {
    elsewhere: 'Das Labor ist in einem anderen Tab geöffnet …',
    elsewhereText:
      'Nur ein Tab zugleich steuert die Laufwerke, damit nie zwei Engines dieselben Daten schreiben. Ihre Laufwerke und Kopien sind dort sicher.',
    useHere: 'Das Labor hier verwenden',
    elsewhereHint:
      'Der andere Tab beendet seinen laufenden Vorgang, pausiert Kopierer und Arbeitslast, sichert und gibt frei; dann startet das Labor hier.',
    waiting: 'Der andere Tab wird gebeten freizugeben …',
    waitingText: 'Er beendet seinen laufenden Vorgang, pausiert und schließt seinen Speicher; das Labor startet hier, sobald er das getan hat.',
    leaving: 'Das Labor wird an einen anderen Tab übergeben …',
    leavingText: 'Der laufende Vorgang wird beendet, Kopierer und Arbeitslast werden pausiert, der Speicher wird geschlossen.',
    moved: 'Das Labor ist in einen anderen Tab gewechselt',
    movedText:
      'Sie haben das Labor in einem anderen Tab geöffnet. Alles hier Bestätigte wurde vor dem Wechsel gesichert; der Kopierer läuft dort weiter, die Arbeitslast ist pausiert.',
    takeBack: 'Zurückholen',
    lost: 'Das Labor wurde in diesem Tab beendet',
    lostText: (reason: string) =>
      `Es kann den Speicher des Browsers nicht mehr nutzen: ${reason}. Alles zuvor Bestätigte bleibt erhalten. Laden Sie die Seite neu, um mit der aktuellen Version des Labors weiterzumachen.`,
    reload: 'Neu laden',
    starting: 'Startet …',
    newerVersion: 'die Daten in diesem Browser wurden von einer neueren Version des Labors gesichert (in einem anderen Tab geöffnet)',
  },
);
