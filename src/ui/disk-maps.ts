/**
 * <disk-maps>: the four maps of a copy side by side (source, snapshot view, repository, target),
 * or every disk when there is no copy yet, each switchable between block states and contents, with
 * the legend and the verification of a completed copy. Emits `write-blocks` for host writes.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { DiskView, FramePair, Verification } from '../worker/api.ts';
import { repositoryStates, snapshotStates, sourceStates, targetStates, type MapView } from './block-states.ts';
import { LanguageController } from './i18n/language.ts';
import { mapWords } from './i18n/maps.ts';
import './block-legend.ts';
import './block-map.ts';

/** Fetches a map's contents (all its blocks' bytes), or null when it cannot. */
export type ContentLoader = (view: MapView, name: string, blocks: number) => Promise<Uint8Array | null>;

/** Detail of `write-blocks`: a host write the learner asked for on a map. */
export interface WriteBlocksDetail {
  disk: string;
  blocks: number[];
}

declare global {
  interface HTMLElementTagNameMap {
    'disk-maps': DiskMaps;
  }
  interface HTMLElementEventMap {
    'write-blocks': CustomEvent<WriteBlocksDetail>;
  }
}

interface MapSpec {
  key: string;
  view: MapView;
  /** Disk whose contents the map shows, and the disk a click writes (null: not host-writable). */
  name: string;
  writable: boolean;
  title: string;
  explain: string;
  states: Uint8Array;
  blockSize: number;
  cursor: number | null;
}

const CONTENT_REFRESH_MS = 250;
/** Largest map shown as contents: its bytes cross from the worker at every refresh. */
const MAX_CONTENT_BYTES = 16 * 2 ** 20;

/** The maps of the lab. */
@customElement('disk-maps')
export class DiskMaps extends LitElement {
  static override styles = css`
    :host { display: block; }
    .maps { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(min(100%, max(18rem, calc(50% - 0.5rem))), 1fr)); }
    figure { margin: 0; padding: 0.75rem; border: 1px solid var(--lab-border, #c8d1dc); border-radius: 0.5rem; background: var(--lab-surface, #fff); min-width: 0; }
    figcaption { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline; gap: 0.25rem 0.75rem; margin-bottom: 0.5rem; }
    h3 { margin: 0; font-size: 1.05rem; color: var(--lab-heading, #1f3a5f); }
    p.explain { margin: 0 0 0.5rem; font-size: 0.9rem; color: var(--lab-muted, #52606d); }
    button { font: inherit; font-size: 0.85rem; padding: 0.2rem 0.6rem; border-radius: 0.3rem; border: 1px solid var(--lab-border, #9aa5b1); background: var(--lab-surface, #fff); cursor: pointer; }
    button:focus-visible { outline: 3px solid var(--lab-focus, #1c64f2); outline-offset: 2px; }
    .verify { margin-top: 0.5rem; padding: 0.5rem 0.75rem; border-radius: 0.4rem; font-weight: 600; }
    .verify.equal { background: #e3f4ea; color: #14532d; }
    .verify.differs { background: #fde8e8; color: #7f1d1d; }
    block-legend { margin-top: 1rem; }
    block-map::part(label) { display: none; }
  `;

  @property({ attribute: false }) pair: FramePair | null = null;
  @property({ attribute: false }) disks: DiskView[] = [];
  @property({ attribute: false }) refused: ReadonlyMap<string, ReadonlySet<number>> = new Map();
  @property({ attribute: false }) loader: ContentLoader | null = null;
  /** Bumped by the shell whenever the lab changed, so contents are fetched again. */
  @property({ type: Number }) version = 0;
  @state() private modes = new Map<string, 'states' | 'content'>();
  @state() private contents = new Map<string, Uint8Array>();
  @state() private selected = new Map<string, number>();
  /** The source block a learner follows, outlined on every map of source blocks (not on the repository's slots). */
  @property({ attribute: false }) followed: number | null = null;
  private fetchedVersion = -1;
  private fetchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    new LanguageController(this); // re-renders the maps' titles and explanations when the language switches
  }

  override render(): TemplateResult {
    const specs = this.specs();
    return html`
      <div class="maps">${specs.map((spec) => this.renderMap(spec))}</div>
      <block-legend></block-legend>
    `;
  }

  override updated(): void {
    this.scheduleContent();
  }

  override disconnectedCallback(): void {
    clearTimeout(this.fetchTimer);
    super.disconnectedCallback();
  }

  private renderMap(spec: MapSpec): TemplateResult {
    const tooLarge = spec.states.length * spec.blockSize > MAX_CONTENT_BYTES;
    const mode = tooLarge ? 'states' : (this.modes.get(spec.key) ?? 'states');
    const other = mode === 'states' ? 'content' : 'states';
    const words = mapWords();
    return html`
      <figure data-map=${spec.key}>
        <figcaption>
          <h3>${spec.title}</h3>
          <button type="button" aria-pressed=${mode === 'content'} ?disabled=${tooLarge} @click=${() => this.setMode(spec.key, other)}
            title=${tooLarge ? words.tooLarge : ''}>
            ${words.show(other === 'content')}
          </button>
        </figcaption>
        <p class="explain">${spec.explain}</p>
        <block-map
          .label=${words.label(spec.title, spec.states.length)}
          .states=${spec.states}
          .cursor=${spec.cursor}
          .selected=${this.selected.get(spec.key) ?? null}
          .followed=${spec.key === 'repository' ? null : this.followed}
          .mode=${mode}
          .view=${spec.view}
          .content=${mode === 'content' ? (this.contents.get(spec.key) ?? null) : null}
          .blockSize=${spec.blockSize}
          @block-select=${(e: CustomEvent<{ block: number }>) => this.select(spec.key, e.detail.block)}
          @block-activate=${(e: CustomEvent<{ block: number }>) => this.write(spec, [e.detail.block])}
          @block-paint=${(e: CustomEvent<{ blocks: number[] }>) => this.write(spec, e.detail.blocks)}
        ></block-map>
        ${spec.view === 'target' ? this.renderVerification(this.pair?.verification ?? null) : nothing}
      </figure>
    `;
  }

  private renderVerification(verification: Verification | null): TemplateResult | typeof nothing {
    if (!verification) return nothing;
    if (verification.state === 'equal') {
      return html`<p class="verify equal" role="status">${mapWords().verified(verification.checked)}</p>`;
    }
    const count = verification.differing.length;
    const listed = verification.differing.slice(0, 20).join(', ');
    return html`<p class="verify differs" role="status">${mapWords().differs(listed, count, Math.max(0, count - 20))}</p>`;
  }

  private specs(): MapSpec[] {
    const pair = this.pair;
    const disk = (name: string): DiskView | undefined => this.disks.find((d) => d.name === name);
    if (!pair) return this.disks.filter((d) => d.role === 'standard').map((d) => this.plainDisk(d));
    const source = disk(pair.source);
    const target = disk(pair.target);
    if (!source || !target) return [];
    const refusedOf = (name: string): ReadonlySet<number> => this.refused.get(name) ?? new Set();
    const active = pair.status === 'Pending' || pair.status === 'InProgress';
    const cursor = active ? pair.nextBlock : null;
    const words = mapWords();
    const specs: MapSpec[] = [
      { key: 'source', view: 'source', name: source.name, writable: true, title: words.source(source.name), explain: words.sourceExplain, states: sourceStates(pair, source, refusedOf(source.name)), blockSize: source.blockSize, cursor },
    ];
    if (pair.repository) {
      specs.push(
        { key: 'snapshot', view: 'snapshot', name: pair.target, writable: false, title: words.snapshot, explain: words.snapshotExplain, states: snapshotStates(pair, source), blockSize: source.blockSize, cursor },
        { key: 'repository', view: 'repository', name: pair.repository.name, writable: false, title: words.repository(pair.repository.name), explain: words.repositoryExplain(pair.repository.used, pair.repository.capacity), states: repositoryStates(pair), blockSize: source.blockSize, cursor: null },
      );
    }
    specs.push({ key: 'target', view: 'target', name: target.name, writable: true, title: words.target(target.name), explain: targetExplain(pair), states: targetStates(pair, target), blockSize: target.blockSize, cursor });
    return specs;
  }

  private plainDisk(disk: DiskView): MapSpec {
    const states = sourceStates(null, disk, this.refused.get(disk.name) ?? new Set());
    return { key: `disk:${disk.name}`, view: 'disk', name: disk.name, writable: true, title: mapWords().disk(disk.name), explain: mapWords().diskExplain(disk.blocks, disk.blockSize, disk.state), states, blockSize: disk.blockSize, cursor: null };
  }

  private setMode(key: string, mode: 'states' | 'content'): void {
    this.modes = new Map(this.modes).set(key, mode);
    this.fetchedVersion = -1;
  }

  private select(key: string, block: number): void {
    this.selected = new Map(this.selected).set(key, block);
  }

  private write(spec: MapSpec, blocks: number[]): void {
    if (blocks.length === 0) return;
    this.select(spec.key, blocks[blocks.length - 1]!);
    if (!spec.writable) return;
    this.dispatchEvent(new CustomEvent('write-blocks', { detail: { disk: spec.name, blocks }, bubbles: true, composed: true }));
  }

  /** Fetches contents of the maps shown as contents, at most every 250 ms. */
  private scheduleContent(): void {
    if (this.fetchTimer !== undefined || this.fetchedVersion === this.version) return;
    this.fetchTimer = setTimeout(() => {
      this.fetchTimer = undefined;
      void this.fetchContent();
    }, CONTENT_REFRESH_MS);
  }

  private async fetchContent(): Promise<void> {
    const loader = this.loader;
    if (!loader) return;
    this.fetchedVersion = this.version;
    const next = new Map(this.contents);
    for (const spec of this.specs()) {
      if ((this.modes.get(spec.key) ?? 'states') !== 'content' || spec.states.length * spec.blockSize > MAX_CONTENT_BYTES) continue;
      const bytes = await loader(spec.view, spec.name, spec.states.length);
      if (bytes) next.set(spec.key, bytes);
    }
    this.contents = next;
    if (this.fetchedVersion !== this.version) this.scheduleContent();
  }
}

function targetExplain(pair: FramePair): string {
  if (pair.status === 'Completed') {
    return pair.targetReadOnly ? mapWords().finishedReadOnly : mapWords().finishedWritable;
  }
  return mapWords().receiving(pair.progress.copied, pair.progress.total);
}
