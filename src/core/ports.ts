/**
 * The ports through which the pure core talks to the world: the compute kernel (bitmaps and byte
 * moves, implemented in AssemblyScript and as a TypeScript reference) and the block store
 * (IndexedDB or memory). The core never imports an adapter; adapters import these types.
 */
import type { DiskState, EventType, Fill } from './vocabulary.ts';

/** Handle of a bitmap owned by a kernel. */
export type BitmapId = number;
/** Handle of a byte buffer owned by a kernel. */
export type BufferId = number;

/**
 * Bitmaps and byte moves. Bit i of a bitmap is bit (i & 7) of byte (i >> 3) in its exported form
 * (little-endian, as 64-bit words laid out in memory). Ranges are half-open [from, to).
 * Handles stay valid until freed; views from `bufferView` only until the next allocating call.
 */
export interface Kernel {
  /** A zeroed bitmap of `bits` bits (bits >= 0). */
  createBitmap(bits: number): BitmapId;
  freeBitmap(id: BitmapId): void;
  /** Number of bits the bitmap was created with. */
  bitmapSize(id: BitmapId): number;
  /** Sets bits [from, to); 0 <= from <= to <= size. */
  setRange(id: BitmapId, from: number, to: number): void;
  /** Clears bits [from, to); 0 <= from <= to <= size. */
  clearRange(id: BitmapId, from: number, to: number): void;
  testBit(id: BitmapId, index: number): boolean;
  /** Number of set bits in the whole bitmap. */
  countSet(id: BitmapId): number;
  /** Number of set bits in [from, to). */
  countSetRange(id: BitmapId, from: number, to: number): number;
  /** First set bit at index >= from, or -1 when there is none (also when from >= size). */
  findNextSet(id: BitmapId, from: number): number;
  /** First clear bit at index >= from and < size, or -1 when there is none. */
  findNextClear(id: BitmapId, from: number): number;
  /** A new array of ceil(size / 8) bytes holding the bits. */
  exportBitmap(id: BitmapId): Uint8Array;
  /** Replaces the bits from `bytes` (ceil(size / 8) bytes); bits past the size are ignored. */
  importBitmap(id: BitmapId, bytes: Uint8Array): void;

  /** A zeroed byte buffer of `bytes` bytes inside the kernel's memory. */
  createBuffer(bytes: number): BufferId;
  freeBuffer(id: BufferId): void;
  bufferSize(id: BufferId): number;
  /** A live view of the buffer; invalid after any create call (memory may grow). */
  bufferView(id: BufferId): Uint8Array;
  /** Copies `bytes` into the buffer at `offset`. */
  writeBytes(id: BufferId, offset: number, bytes: Uint8Array): void;
  /** A new array (own ArrayBuffer, exact size) with `length` bytes from `offset`. */
  readBytes(id: BufferId, offset: number, length: number): Uint8Array;
  /** memory.copy between buffers (or within one; overlap allowed). */
  moveBytes(dst: BufferId, dstOffset: number, src: BufferId, srcOffset: number, length: number): void;
  fillBytes(id: BufferId, offset: number, length: number, value: number): void;
  /** xxHash32 (seed 0) of the bytes, as an unsigned 32-bit integer. */
  checksum(id: BufferId, offset: number, length: number): number;
  equalBytes(a: BufferId, aOffset: number, b: BufferId, bOffset: number, length: number): boolean;
}

/** Role of a disk in the array: a host-visible standard disk or a snapshot repository. */
export type DiskRole = 'standard' | 'repository';

/** The durable description of one virtual disk. Ids are never reused; names may be. */
export interface DiskRecord {
  id: number;
  name: string;
  role: DiskRole;
  blocks: number;
  blockSize: number;
  /** What a block reads as before it is first written. */
  fill: Fill;
  state: DiskState;
  /** Block indexes marked unreadable (MEDIA_ERROR), ascending. */
  unreadable: number[];
}

/** One block operation of a commit, applied in order; a copy sees the data left by earlier ops. */
export type BlockOp =
  | { kind: 'write'; disk: number; block: number; data: Uint8Array }
  | { kind: 'copy'; from: number; fromBlock: number; to: number; toBlock: number; count: number };

/** One event of the lab's log (SCENARIOS.md), with the fields that say what happened. */
export interface LabEvent {
  seq: number;
  timeMs: number;
  type: EventType;
  target?: string;
  source?: string;
  disk?: string;
  block?: number;
  slot?: number;
  reason?: string;
  priority?: string;
  used?: number;
  capacity?: number;
  count?: number;
}

/**
 * Everything one operation changes, applied all or nothing. Order of application: putDisks,
 * deletePrefixes, putRecords, ops, deleteDisks (which also drops their blocks), events.
 */
export interface StoreCommit {
  putDisks?: DiskRecord[];
  deleteDisks?: number[];
  /** Deletes every metadata record whose key starts with one of these prefixes. */
  deletePrefixes?: string[];
  putRecords?: Array<[key: string, value: unknown]>;
  ops?: BlockOp[];
  events?: LabEvent[];
}

/** The durable state as loaded on open (events are read separately, they can be many). */
export interface StoredState {
  disks: DiskRecord[];
  /** All metadata records, ascending by key. */
  records: Array<[key: string, value: unknown]>;
  /** Seq of the newest stored event, or -1. */
  lastEventSeq: number;
}

/**
 * Durable storage of disks, blocks, metadata records and events. `commit` is atomic: when its
 * promise resolves everything is durable, when it rejects nothing of it is visible.
 */
export interface BlockStore {
  load(): Promise<StoredState>;
  commit(commit: StoreCommit): Promise<void>;
  /** `count` consecutive blocks of a disk, count * blockSize bytes, in a new array. */
  readBlocks(disk: number, first: number, count: number): Promise<Uint8Array>;
  /**
   * xxHash32 (seed 0, the kernel's `checksum`) of each of `count` blocks from `first` as the store
   * holds them, without reading block data where the store keeps checksums: a written block's is
   * the one stored with it in the commit that wrote it, a never-written block's that of its fill.
   * For an undamaged block it equals the checksum of what `readBlocks` returns; a block damaged at
   * rest still gives its stored (intended) checksum: damage is found by reads and the scrub, not
   * here. Same argument checks as `readBlocks`, and serialized with the other calls like it.
   */
  readChecksums(disk: number, first: number, count: number): Promise<Uint32Array>;
  /** Up to `limit` events with seq >= fromSeq, ascending. */
  readEvents(fromSeq: number, limit: number): Promise<LabEvent[]>;
  /**
   * A hint, for stores where reading is slow: blocks [first, first + count) of a disk will be read
   * by a coming commit (the copier's), so the store may read them now, outside the order of the
   * other calls. It changes nothing stored and never fails; what a commit later reads is the
   * committed state all the same.
   */
  readAhead?(disk: number, first: number, count: number): Promise<void>;
  close(): Promise<void>;
}
