/**
 * <storage-lab-app>: the lab page. It pulls frames from the worker (LabController), lays out the
 * maps, the controls, the measurements and the log, and turns the controls' events into API calls
 * (LabActions). It holds no domain rules.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Remote } from 'comlink';
import type { DiskView, FramePair, LabApi } from '../worker/api.ts';
import type { Priority } from '../core/vocabulary.ts';
import { LabActions, brushBlock, textBlock } from './lab-actions.ts';
import { LabController } from './lab-controller.ts';
import { shortcutOf } from './shortcuts.ts';
import './copy-panel.ts';
import { moreControls } from './projector-controls.ts';
import { ProjectorController, projectorOn } from './projector.ts';
import { PROJECTOR_SHELL_STYLES } from './projector-theme.ts';
import './counters-panel.ts';
import './disk-maps.ts';
import './event-log.ts';
import './help-sheet.ts';
import './latency-chart.ts';
import './setup-panel.ts';
import './steer-panel.ts';
import './storage-panel.ts';
import './workload-panel.ts';
import './timeline-bar.ts';
import './write-panel.ts';
import './breakpoints-notice.ts';
import './breakpoints-panel.ts';
import { followRequestOf, selectedSourceBlock } from './block-history-panel.ts';
import './share/share-panel.ts';
import './language-switch.ts';
import './lessons/lesson-pane.ts';
import './compare/compare-view.ts';
import { compareWords } from './compare/compare-words.ts';
import { paneWords } from './lessons/pane-words.ts';
import { LanguageController } from './i18n/language.ts';
import { pageWords, type PairWords } from './i18n/page.ts';

type PairEvent<T = object> = CustomEvent<{ target: string } & T>;

/** A pair as the status line and the pair choice name it. */
const pairWords = (p: FramePair): PairWords => ({ ...p, copied: p.progress.copied, total: p.progress.total });

/** The screens of the page; the nav in the header switches between them. */
const LAB_MODES = ['lab', 'lessons', 'compare'] as const;
type LabMode = (typeof LAB_MODES)[number];
const MODE_KEY = 'storage-lab:screen';

/** The screen the learner had open last (a lesson in progress reopens where it was). */
function keptMode(): LabMode {
  try {
    const kept = localStorage.getItem(MODE_KEY);
    return LAB_MODES.find((mode) => mode === kept) ?? 'lab';
  } catch {
    return 'lab';
  }
}

/** The whole lab page. */
@customElement('storage-lab-app')
export class StorageLabApp extends LitElement {
  static override styles = [css`
    :host { display: block; max-width: 100rem; margin: 0 auto; padding: clamp(0.5rem, 2vw, 1.5rem); font-family: system-ui, sans-serif; color: var(--lab-fg, #1f2933); font-size: clamp(1rem, 0.9rem + 0.3vw, 1.25rem); }
    header { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: baseline; justify-content: space-between; margin-bottom: 1rem; }
    h1 { margin: 0; color: var(--lab-heading, #1f3a5f); font-size: clamp(1.5rem, 1.2rem + 1.5vw, 2.4rem); }
    header p { margin: 0.25rem 0 0; max-width: 48rem; }
    .tools { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    .modes { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-bottom: 1rem; }
    .modes button[aria-pressed='true'] { background: var(--lab-heading, #1f3a5f); color: var(--lab-surface, #fff); }
    .layout { display: grid; gap: 1rem; grid-template-columns: minmax(0, 1fr); }
    .layout[hidden] { display: none; }
    @media (min-width: 64rem) { .layout { grid-template-columns: minmax(0, 1fr) minmax(20rem, 26rem); } }
    .column { display: grid; gap: 1rem; align-content: start; min-width: 0; }
    main > timeline-bar, main > compare-view { display: block; margin-bottom: 1rem; }
    /* A lesson comes first on a narrow screen (before the maps), and above the controls beside the maps on a wide one. */
    @media (min-width: 64rem) {
      .layout.with-lesson { grid-template-areas: 'watch lesson' 'watch side'; grid-template-rows: auto 1fr; }
      .with-lesson .lesson { grid-area: lesson; }
      .with-lesson .watch { grid-area: watch; }
      .with-lesson .side { grid-area: side; }
    }
    .card { border: 1px solid var(--lab-border, #c8d1dc); border-radius: 0.5rem; padding: 0.75rem; background: var(--lab-surface, #fff); min-width: 0; }
    h2 { margin: 0 0 0.5rem; font-size: 1.2em; color: var(--lab-heading, #1f3a5f); }
    button { font: inherit; padding: 0.35rem 0.8rem; border-radius: 0.35rem; border: 1px solid var(--lab-border, #9aa5b1); background: var(--lab-surface, #fff); cursor: pointer; }
    button:focus-visible, select:focus-visible { outline: 3px solid var(--lab-focus, #1c64f2); outline-offset: 2px; }
    .status { color: var(--lab-muted, #52606d); }
  `, PROJECTOR_SHELL_STYLES];

  private readonly lab: LabController;
  private readonly actions: LabActions;
  @state() private helpOpen = false;
  /** The screen shown: the free lab, or a feature's own screen (lessons, comparison …) that features add to LabMode. */
  @state() private mode: LabMode = keptMode();
  @state() private chosenTarget: string | null = null;
  /** The block last selected on a map of source blocks, offered to the block follower. */
  @state() private selectedBlock: number | null = null;
  /** The block the follower follows, outlined on the maps. */
  @state() private followedBlock: number | null = null;
  /** A block a map asked to follow (Shift+click or F), handed to the block follower. */
  @state() private followRequest: { block: number } | null = null;
  private brush: [number, number, number] = [213, 94, 0];

  constructor() {
    super();
    const api = globalThis.storageLab;
    if (!api) throw new Error('the lab worker is not connected');
    this.lab = new LabController(this, api as Remote<LabApi>);
    this.actions = new LabActions(this.lab);
    new LanguageController(this);
    new ProjectorController(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.onKey);
  }

  override disconnectedCallback(): void {
    document.removeEventListener('keydown', this.onKey);
    super.disconnectedCallback();
  }

  override render(): TemplateResult {
    const frame = this.lab.frame;
    const pair = this.currentPair();
    const disks = frame?.disks ?? [];
    const outcome = this.lab.lastOutcome;
    const counters = html`<counters-panel class="card" .pair=${pair} .driver=${frame?.driver ?? null}></counters-panel>`;
    return html`
      <header>
        <div>
          <h1>Storage Lab</h1>
          <p>${pageWords().intro}</p>
        </div>
        <div class="tools">
          <button type="button" @click=${() => (this.helpOpen = true)} aria-haspopup="dialog">${pageWords().keyboardHelp}</button>
          <language-switch></language-switch>
          <projector-toggle></projector-toggle>
        </div>
      </header>
      ${this.renderModeNav()}
      <main>
      <p class="status" data-testid="engine-status">${this.status()}</p>
      <timeline-bar class="card" .lab=${this.lab} .travel=${frame?.travel ?? null} .version=${frame?.version ?? 0}></timeline-bar>
      ${this.mode === 'compare' ? html`<compare-view class="card" .lab=${this.lab}></compare-view>` : nothing}
      <div class="layout ${this.mode === 'lessons' ? 'with-lesson' : ''}" ?hidden=${this.mode === 'compare'}>
        ${this.mode === 'lessons' ? html`<lesson-pane class="card lesson" .lab=${this.lab} .labDisks=${disks.filter((d) => d.role === 'standard').length} @open-lab=${() => this.show('lab')}></lesson-pane>` : nothing}
        <div class="column watch">
          ${disks.length === 0 && frame ? this.renderSetup(disks, outcome) : nothing}
          <section class="card" aria-labelledby="watch-heading">
            <h2 id="watch-heading">${pageWords().watch}</h2>
            ${this.renderPairChoice()}
            <disk-maps .pair=${pair} .disks=${disks} .refused=${this.lab.refused} .version=${frame?.version ?? 0} .followed=${this.followedBlock}
              .loader=${(view: Parameters<LabActions['content']>[0], name: string, blocks: number) => this.actions.content(view, name, blocks, pair)}
              @block-select=${(e: CustomEvent<{ block: number }>) => (this.selectedBlock = selectedSourceBlock(e) ?? this.selectedBlock)}
              @block-follow=${(e: CustomEvent<{ block: number }>) => (this.followRequest = followRequestOf(e) ?? this.followRequest)}
              @write-blocks=${(e: CustomEvent<{ disk: string; blocks: number[] }>) => this.writeBrush(e.detail.disk, e.detail.blocks)}></disk-maps>
          </section>
          <block-history-panel class="card" .pair=${pair} .version=${frame?.version ?? 0} .selected=${this.selectedBlock} .request=${this.followRequest}
            .loader=${(disk: string, block: number) => this.lab.api.blockHistory(disk, block)}
            @follow-block=${(e: CustomEvent<{ block: number | null }>) => (this.followedBlock = e.detail.block)}></block-history-panel>
          ${projectorOn() ? nothing : counters}
          <latency-chart class="card" .samples=${this.lab.samples}></latency-chart>
          <event-log class="card" .events=${this.lab.events} .pairs=${frame?.pairs ?? []}></event-log>
        </div>
        <div class="column side">
          ${projectorOn() ? counters : nothing}
          ${frame?.breakpoints?.stoppedBy ? html`<breakpoint-notice .stop=${frame.breakpoints.stoppedBy} @driver-change=${(e: CustomEvent<object>) => void this.actions.driver(e.detail)}></breakpoint-notice>` : nothing}
          ${pair ? this.renderSteer(pair) : nothing}
          ${moreControls(html`<breakpoints-panel class="card" .breakpoints=${frame?.breakpoints ?? null} .pairs=${frame?.pairs ?? []} .preferred=${pair?.target ?? ''} .lastOutcome=${outcome}
            @set-breakpoints=${(e: CustomEvent<{ list: Parameters<LabApi['setBreakpoints']>[0] }>) => void this.lab.act('set-breakpoints', () => this.lab.api.setBreakpoints(e.detail.list))}></breakpoints-panel>
          <write-panel class="card" .disks=${disks} .preferred=${pair?.source ?? ''} .lastOutcome=${outcome}
            @brush-change=${(e: CustomEvent<{ rgb: [number, number, number] }>) => (this.brush = e.detail.rgb)}
            @write-text=${(e: CustomEvent<{ disk: string; block: number; text: string }>) => this.writeText(e.detail.disk, e.detail.block, e.detail.text)}></write-panel>
          <workload-panel class="card" .workload=${frame?.workload ?? null} .disks=${disks}
            @workload-change=${(e: CustomEvent<object>) => void this.lab.act('workload-change', () => this.lab.api.setWorkload(e.detail))}></workload-panel>
          <copy-panel class="card" .disks=${disks} .lastOutcome=${outcome}
            @create-copy=${(e: CustomEvent<Parameters<LabApi['createCopy']>[0]>) => void this.lab.act('create-copy', () => this.lab.api.createCopy(e.detail))}></copy-panel>
          ${disks.length > 0 ? this.renderSetup(disks, outcome) : nothing}
          <storage-panel class="card"></storage-panel>
          <share-panel class="card" .lab=${this.lab} .frame=${frame} .events=${this.lab.events} .pair=${pair}></share-panel>`)}
        </div>
      </div>
      </main>
      <help-sheet .open=${this.helpOpen} @close=${() => (this.helpOpen = false)}></help-sheet>
    `;
  }

  private show(mode: LabMode): void {
    this.mode = mode;
    try {
      localStorage.setItem(MODE_KEY, mode);
    } catch {
      // Storage blocked: the screen still switches, it is only not kept.
    }
  }

  /** One button per screen; shown once there is more than one screen. */
  private renderModeNav(): TemplateResult | typeof nothing {
    const modes: ReadonlyArray<[LabMode, string]> = [['lab', pageWords().labScreen], ['lessons', paneWords().heading], ['compare', compareWords().heading]];
    if (modes.length < 2) return nothing;
    return html`<nav class="modes" aria-label=${pageWords().screens}>
      ${modes.map(([mode, label]) => html`<button type="button" aria-pressed=${this.mode === mode} @click=${() => this.show(mode)}>${label}</button>`)}
    </nav>`;
  }

  private renderSetup(disks: DiskView[], outcome: LabController['lastOutcome']): TemplateResult {
    return html`${disks.length > 0 ? this.renderStartOver() : nothing}<setup-panel class="card" .disks=${disks} .lastOutcome=${outcome}
      @create-disk=${(e: CustomEvent<Parameters<LabActions['createDisk']>[0]>) => void this.actions.createDisk(e.detail)}
      @delete-disk=${(e: CustomEvent<{ name: string }>) => void this.lab.act('delete-disk', () => this.lab.api.deleteDisk(e.detail.name))}
      @first-experiment=${(e: CustomEvent<Parameters<LabActions['firstExperiment']>[0]>) => void this.actions.firstExperiment(e.detail)}></setup-panel>`;
  }

  private renderStartOver(): TemplateResult {
    return html`<details class="card">
      <summary>${pageWords().startOver}</summary>
      <p>${pageWords().startOverText}</p>
      <button type="button" @click=${() => void this.lab.act('reset', () => this.lab.api.resetLab())}>${pageWords().removeEverything}</button>
    </details>`;
  }

  private renderSteer(pair: FramePair): TemplateResult {
    return html`<steer-panel class="card" .pair=${pair} .driver=${this.lab.frame?.driver ?? null} .lastOutcome=${this.lab.lastOutcome}
      @driver-change=${(e: CustomEvent<object>) => void this.actions.driver(e.detail)}
      @step=${(e: PairEvent<{ blocks: number }>) => void this.actions.step(e.detail.target, e.detail.blocks)}
      @set-priority=${(e: PairEvent<{ priority: Priority }>) => void this.actions.setPriority(e.detail.target, e.detail.priority)}
      @stop=${(e: PairEvent) => void this.actions.stop(e.detail.target)}
      @recopy=${(e: PairEvent) => void this.actions.recopy(e.detail.target)}
      @remove-copy=${(e: PairEvent) => void this.actions.removeCopy(e.detail.target)}
      @set-target-read-only=${(e: PairEvent<{ value: boolean }>) => void this.actions.setTargetReadOnly(e.detail.target, e.detail.value)}></steer-panel>`;
  }

  private renderPairChoice(): TemplateResult | typeof nothing {
    const pairs = this.lab.frame?.pairs ?? [];
    if (pairs.length < 2) return nothing;
    return html`<label>${pageWords().copyShown}
      <select @change=${(e: Event) => (this.chosenTarget = (e.target as HTMLSelectElement).value)}>
        ${pairs.map((p) => html`<option .value=${p.target} ?selected=${p.target === this.currentPair()?.target}>${pageWords().pairOption(pairWords(p))}</option>`)}
      </select></label>`;
  }

  private currentPair(): FramePair | null {
    const pairs = this.lab.frame?.pairs ?? [];
    return pairs.find((p) => p.target === this.chosenTarget) ?? pairs.at(-1) ?? null;
  }

  private status(): string {
    const frame = this.lab.frame;
    if (!frame) return pageWords().starting;
    const disks = frame.disks.filter((d) => d.role === 'standard').length;
    if (disks === 0) return pageWords().noDisks;
    const pair = this.currentPair();
    return pair ? pageWords().pairStatus(pairWords(pair)) : pageWords().noCopy(disks);
  }

  private writeBrush(disk: string, blocks: number[]): void {
    const size = this.lab.frame?.disks.find((d) => d.name === disk)?.blockSize;
    if (size) void this.actions.write(disk, blocks, brushBlock(size, this.brush));
  }

  private writeText(disk: string, block: number, text: string): void {
    const size = this.lab.frame?.disks.find((d) => d.name === disk)?.blockSize ?? 0;
    const bytes = textBlock(text, size);
    if (bytes) void this.actions.write(disk, [block], bytes);
  }

  private readonly onKey = (event: KeyboardEvent): void => {
    const shortcut = shortcutOf(event);
    const frame = this.lab.frame;
    const pair = this.currentPair();
    if (!shortcut || !frame) return;
    event.preventDefault();
    if (shortcut === 'help') this.helpOpen = true;
    else if (shortcut === 'play-pause') void this.actions.driver({ running: !frame.driver.running });
    else if (shortcut === 'step' && pair) void this.actions.driver({ running: false }).then(() => this.actions.step(pair.target, 1));
    else if (shortcut === 'faster') void this.actions.driver({ speed: Math.min(1e6, frame.driver.speed * 2) });
    else if (shortcut === 'slower') void this.actions.driver({ speed: Math.max(0.01, frame.driver.speed / 2) });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'storage-lab-app': StorageLabApp;
  }
}
