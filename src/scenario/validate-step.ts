/** Validation of one step: its kind, its fields, the disks it names and the blocks it addresses. */
import { array, boolean, integer, Invalid, member, object, onlyKnown, show, string, type Fields } from './checks.ts';
import { STEP_KINDS, STEP_SHAPES, type FieldRule } from './step-fields.ts';
import type { Step, StepKind } from './types.ts';
import { checkData, checkDiskBlocks, checkFill, checkNewName } from './validate-values.ts';

/** Disk names declared or created so far, with their size (null: a repository, size known at run time). */
export type KnownDisks = Map<string, number | null>;

interface StepContext {
  blockSize: number;
  known: KnownDisks;
  /** Names that exist at this step unless a deletion was refused: a new disk may not reuse them. */
  live: Set<string>;
}

/** A valid step, or Invalid naming the field; records the disks the step creates. */
export function checkStep(value: unknown, path: string, context: StepContext): Step {
  const fields = object(value, path);
  const kind = member<StepKind>(fields['do'], STEP_KINDS, `${path}.do`);
  const shape = STEP_SHAPES[kind];
  onlyKnown(fields, ['do', ...Object.keys(shape.required), ...Object.keys(shape.optional)], path);
  for (const key of Object.keys(shape.required)) {
    if (!(key in fields)) throw new Invalid(`${path}.${key}`, `required field of a ${kind} step is missing`);
  }
  const step: Fields = { do: kind };
  const rules = { ...shape.required, ...shape.optional };
  for (const [key, rule] of Object.entries(rules)) {
    if (fields[key] !== undefined) step[key] = checkField(fields[key], `${path}.${key}`, rule, context, fields);
  }
  if (kind === 'write') checkWriteBlocks(fields, path);
  record(step, context);
  return step as unknown as Step;
}

function checkField(value: unknown, path: string, rule: FieldRule, context: StepContext, fields: Fields): unknown {
  switch (rule.kind) {
    case 'newDisk': {
      const name = checkNewName(value, path);
      if (context.live.has(name)) throw new Invalid(path, `duplicate disk name ${show(name)}: a disk of that name already exists here`);
      return name;
    }
    case 'disk':
      return knownDisk(value, path, context.known);
    case 'block':
      return blockOf(value, path, diskOf(fields, context.known));
    case 'blockList':
      return checkBlockList(value, path, diskOf(fields, context.known));
    case 'data':
      return checkData(value, path, context.blockSize);
    case 'fill':
      return checkFill(value, path);
    case 'bool':
      return boolean(value, path);
    case 'int':
      return path.endsWith('.blocks') && fields['do'] === 'createDisk'
        ? checkDiskBlocks(value, path, context.blockSize)
        : integer(value, path, rule.min, rule.max);
    case 'enum':
      return member(value, rule.values, path);
  }
}

function knownDisk(value: unknown, path: string, known: KnownDisks): string {
  const name = string(value, path);
  if (!known.has(name)) throw new Invalid(path, `names disk ${show(name)}, which is not declared or created before this step`);
  return name;
}

/** The disk a block field refers to, with its size if known statically. */
function diskOf(fields: Fields, known: KnownDisks): { name: string; blocks: number | null } {
  const name = typeof fields['disk'] === 'string' ? fields['disk'] : '';
  return { name, blocks: known.get(name) ?? null };
}

function blockOf(value: unknown, path: string, disk: { name: string; blocks: number | null }): number {
  const block = integer(value, path, 0);
  if (disk.blocks !== null && block >= disk.blocks) {
    throw new Invalid(path, `${block} is past the end of disk ${disk.name} (${disk.blocks} blocks)`);
  }
  return block;
}

function checkBlockList(value: unknown, path: string, disk: { name: string; blocks: number | null }): number[] {
  const list = array(value, path);
  if (list.length === 0) throw new Invalid(path, 'expected at least one block');
  return list.map((entry, i) => blockOf(entry, `${path}[${i}]`, disk));
}

/** A write names its blocks with exactly one of `block` and `blocks`; the message names the field. */
function checkWriteBlocks(fields: Fields, path: string): void {
  const hasOne = fields['block'] !== undefined;
  const hasMany = fields['blocks'] !== undefined;
  if (!hasOne && !hasMany) throw new Invalid(`${path}.block`, 'required field of a write step is missing (give "block" or "blocks")');
  if (hasOne && hasMany) throw new Invalid(`${path}.blocks`, 'a write step takes "block" or "blocks", not both');
}

/** Remembers the disks a step creates: a new disk, or the repository of an online copy. */
function record(step: Fields, context: StepContext): void {
  if (step['do'] === 'createDisk') {
    context.known.set(String(step['name']), Number(step['blocks']));
    context.live.add(String(step['name']));
  }
  if (step['do'] === 'deleteDisk') context.live.delete(String(step['name']));
  if (step['do'] === 'createCopy' && step['type'] === 'online') {
    const source = String(step['source']);
    for (let n = 1; n <= 9; n++) if (!context.known.has(`${source}-R${n}`)) context.known.set(`${source}-R${n}`, null);
  }
}
