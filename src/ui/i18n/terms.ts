/**
 * Words and numbers every panel shares: numbers in the current language (1,024 and 3.5 in English,
 * 1.024 and 3,5 in German), sizes, durations, and the arrays' own names for statuses, copy types
 * and priorities.
 */
import type { CopyStatus, CopyType, Priority } from '../../core/vocabulary.ts';
import { language } from './language.ts';
import { localized } from './messages.ts';

/** An integer with the current language's thousands separator: 1,024 / 1.024. */
export function num(n: number): string {
  return new Intl.NumberFormat(language(), { maximumFractionDigits: 0 }).format(n);
}

/** A number with exactly `digits` decimals in the current language: 3.50 / 3,50. */
export function fixed(n: number, digits: number): string {
  return new Intl.NumberFormat(language(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** A number with up to `digits` decimals, none shown when they are zero: 3.5 / 3,5, 4. */
export function decimal(n: number, digits = 2): string {
  return new Intl.NumberFormat(language(), { maximumFractionDigits: digits }).format(n);
}

/** A size in bytes in words: "512 bytes", "4 KiB", "1.5 MiB" (German "512 Byte", "1,5 MiB"). */
export function bytesText(bytes: number): string {
  const units = [terms().bytes, 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) [value, unit] = [value / 1024, unit + 1];
  return `${Number.isInteger(value) ? num(value) : fixed(value, 1)} ${units[unit]}`;
}

type Words<K extends string> = Readonly<Record<K, string>>;

const STATUS_EN: Words<CopyStatus> = { Pending: 'Pending', InProgress: 'In Progress', Completed: 'Completed', Failed: 'Failed', Stopped: 'Stopped' };
const STATUS_DE: Words<CopyStatus> = {
  Pending: 'Ausstehend', InProgress: 'In Bearbeitung', Completed: 'Abgeschlossen', Failed: 'Fehlgeschlagen', Stopped: 'Angehalten',
};
const TYPE_EN: Words<CopyType> = { online: 'online', offline: 'offline', copyBeforeWrite: 'copyBeforeWrite', unprotected: 'unprotected' };
const TYPE_DE: Words<CopyType> = { online: 'Online', offline: 'Offline', copyBeforeWrite: 'Kopie vor Schreibvorgang', unprotected: 'ungeschützt' };
const PRIORITY_DE: Words<Priority> = { highest: 'höchste', high: 'hoch', medium: 'mittel', low: 'niedrig', lowest: 'niedrigste' };

const terms = localized(
  {
    bytes: 'bytes',
    status: (status: CopyStatus): string => STATUS_EN[status] ?? status,
    copyType: (type: CopyType): string => TYPE_EN[type] ?? type,
    priority: (priority: Priority): string => priority,
    fullSpeed: 'full speed',
    shareOfFull: (share: string) => `1/${share} of full speed`,
  },
  {
    bytes: 'Byte',
    status: (status: CopyStatus): string => STATUS_DE[status] ?? status,
    copyType: (type: CopyType): string => TYPE_DE[type] ?? type,
    priority: (priority: Priority): string => PRIORITY_DE[priority] ?? priority,
    // Short, so that a priority fits its select on a phone: "mittel (1/3,5 des vollen Tempos)".
    fullSpeed: 'volles Tempo',
    shareOfFull: (share: string) => `1/${share} des vollen Tempos`,
  },
);

/** A copy status in the array's words: "In Progress" / "In Bearbeitung". */
export const statusWord = (status: CopyStatus): string => terms().status(status);
/** A copy type in the array's words: "online" / "Online", "copyBeforeWrite" / "Kopie vor Schreibvorgang". */
export const copyTypeWord = (type: CopyType): string => terms().copyType(type);
/** A priority in the array's words: "medium" / "mittel". */
export const priorityWord = (priority: Priority): string => terms().priority(priority);

/** A priority's copier speed as a share of full speed (`rate168` in 1/168 of it): "1/3.5 of full speed". */
export function shareText(rate168: number): string {
  const share = 168 / rate168;
  return share === 1 ? terms().fullSpeed : terms().shareOfFull(decimal(share));
}

const NOUN_EN: Words<CopyType> = { online: 'online copy', offline: 'offline copy', copyBeforeWrite: 'copyBeforeWrite copy', unprotected: 'unprotected copy' };
const NOUN_DE: Words<CopyType> = { online: 'Online-Kopie', offline: 'Offline-Kopie', copyBeforeWrite: 'Kopie vor Schreibvorgang', unprotected: 'ungeschützte Kopie' };

/** A copy of a type as a noun: "online copy" / "Online-Kopie", "Kopie vor Schreibvorgang". */
export function copyNoun(type: CopyType): string {
  return (language() === 'de' ? NOUN_DE : NOUN_EN)[type] ?? type;
}
