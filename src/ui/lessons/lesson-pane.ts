/**
 * <lesson-pane>: the guided lessons beside the live lab. A list of lessons with done marks, the
 * open lesson's text, its question as a radio group, a button that performs the step and reveals
 * what the engine did, and the way on (next step, next or previous lesson, the free lab).
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LanguageController } from '../i18n/language.ts';
import { LESSONS } from './index.ts';
import type { Lesson, LessonLab, StepSpec } from './lesson-model.ts';
import type { Reveal } from './lesson-progress.ts';
import { LessonSession } from './lesson-session.ts';
import { paneWords } from './pane-words.ts';

/** The lesson pane; fires `open-lab` when the learner asks for the free lab. */
@customElement('lesson-pane')
export class LessonPane extends LitElement {
  static override styles = css`
    :host { display: block; }
    h2 { margin: 0 0 0.5rem; font-size: 1.2em; color: var(--lab-heading, #1f3a5f); }
    h3 { margin: 0.75rem 0 0.25rem; font-size: 1.1em; }
    ol { margin: 0.25rem 0; padding-left: 1.5rem; }
    li { margin: 0.15rem 0; }
    li button { text-align: left; vertical-align: top; border: none; background: none; padding: 0.1rem 0.2rem; color: var(--lab-link, #1a4f8b); text-decoration: underline; }
    li button[aria-current='step'] { font-weight: bold; text-decoration: none; color: inherit; }
    .done { color: var(--lab-ok, #0b6e3d); font-weight: bold; }
    fieldset { border: 1px solid var(--lab-border, #c8d1dc); border-radius: 0.35rem; margin: 0.5rem 0; padding: 0.25rem 0.75rem 0.5rem; }
    legend { float: left; width: 100%; font-weight: bold; padding: 0; margin: 0.35rem 0 0.15rem; }
    legend + label { clear: both; }
    label { display: flex; gap: 0.5rem; align-items: baseline; margin: 0.3rem 0; }
    button { font: inherit; padding: 0.35rem 0.8rem; border-radius: 0.35rem; border: 1px solid var(--lab-border, #9aa5b1); background: var(--lab-surface, #fff); color: inherit; cursor: pointer; }
    button.primary { background: var(--lab-heading, #1f3a5f); color: var(--lab-surface, #fff); }
    button:disabled { opacity: 0.55; cursor: not-allowed; }
    button:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid var(--lab-focus, #1c64f2); outline-offset: 2px; }
    .reveal { border-left: 4px solid var(--lab-heading, #1f3a5f); padding: 0.25rem 0.75rem; margin: 0.5rem 0; background: var(--lab-tint, #eef3f9); }
    .reveal.right { border-color: var(--lab-ok, #0b6e3d); }
    .reveal.wrong { border-color: var(--lab-warn, #b44d00); }
    .reveal p { margin: 0.3rem 0; }
    [data-focus]:focus-visible { outline: 3px solid var(--lab-focus, #1c64f2); outline-offset: 2px; }
    .row { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 0.75rem; }
    .note, .step-of { color: var(--lab-muted, #52606d); }
    .problem { color: var(--lab-error, #b00020); }
  `;

  /** The lab the lessons act on (its holder: a comlink proxy cannot be a Lit binding value, Lit would probe it for directives). */
  @property({ attribute: false }) lab: { readonly api: LessonLab } | null = null;

  /** Disks in the lab now: a lesson's start removes them, so the pane asks first when there are any. */
  @property({ type: Number }) labDisks = 0;
  /** The learner pressed Start on a lab with disks and has not answered the question yet. */
  @state() private confirming = false;

  private readonly session = new LessonSession(() => this.requestUpdate());
  /** The part to focus after the next render: 'step', 'reveal' or 'done'. */
  private focusNext: string | null = null;

  constructor() {
    super();
    new LanguageController(this);
  }

  override render(): TemplateResult {
    const t = paneWords();
    const lesson = this.session.lesson;
    return html`<section aria-labelledby="lessons-heading">
      <h2 id="lessons-heading">${t.heading}</h2>
      ${this.renderList(lesson)}
      ${lesson ? this.renderLesson(lesson) : html`<p>${t.choose}</p>`}
      ${this.session.problem ? html`<p class="problem" role="alert">${t.problem(this.session.problem)}</p>` : nothing}
      <div class="row">
        ${this.renderNeighbour(-1, t.previousLesson)} ${this.renderNeighbour(1, t.nextLesson)}
        <button type="button" @click=${() => this.dispatchEvent(new CustomEvent('open-lab', { bubbles: true, composed: true }))}>${t.freeLab}</button>
      </div>
    </section>`;
  }

  private renderList(open: Lesson | null): TemplateResult {
    const t = paneWords();
    const done = new Set(this.session.progress.done);
    return html`<details ?open=${!open || this.session.finished} data-testid="lesson-list">
      <summary>${t.all(LESSONS.filter((l) => done.has(l.id)).length, LESSONS.length)}</summary>
      <ol>${LESSONS.map((l) => html`<li><button type="button" aria-current=${l === open ? 'step' : 'false'} @click=${() => this.session.open(l.id)}>${l.say(l.title)}</button>
        ${done.has(l.id) ? html`<span class="done">✓ ${t.doneMark}</span>` : nothing}</li>`)}</ol>
    </details>`;
  }

  private renderLesson(lesson: Lesson): TemplateResult {
    const t = paneWords();
    const { started, step } = this.session.progress;
    const current = lesson.steps[step];
    return html`<article aria-labelledby="lesson-title">
      <h3 id="lesson-title">${lesson.say(lesson.title)}</h3>
      <p>${lesson.say(lesson.intro)}</p>
      ${!started
        ? this.renderStart()
        : current ? this.renderStep(lesson, current, step) : html`<p role="status" tabindex="-1" data-focus="done">${t.finished}</p>`}
      ${started ? html`<div class="row"><button type="button" ?disabled=${this.session.busy} @click=${() => this.act((lab) => this.session.start(lab), 'step')}>${t.restart}</button></div>` : nothing}
    </article>`;
  }

  private renderStart(): TemplateResult {
    const t = paneWords();
    const start = (): void => {
      this.confirming = false;
      this.act((lab) => this.session.start(lab), 'step');
    };
    if (this.confirming) {
      return html`<p role="alert" data-testid="lesson-confirm">${t.confirmReplace(this.labDisks)}</p>
        <div class="row"><button type="button" class="primary" @click=${start}>${t.replaceAndStart}</button>
        <button type="button" @click=${() => (this.confirming = false)}>${t.cancel}</button></div>`;
    }
    return html`<p class="note">${t.replaces}</p><button type="button" class="primary" ?disabled=${this.session.busy}
      @click=${() => (this.labDisks > 0 ? (this.confirming = true) : start())}>${t.start}</button>${this.session.busy ? html`<p class="note" role="status">${t.working}</p>` : nothing}`;
  }

  private renderStep(lesson: Lesson, step: StepSpec<string>, index: number): TemplateResult {
    const t = paneWords();
    const reveal = this.session.progress.reveal;
    const question = step.question;
    const label = lesson.say(step.action.label);
    const waiting = !!question && this.session.prediction === null;
    return html`<p class="step-of">${t.stepOf(index + 1, lesson.steps.length)}</p>
      <p tabindex="-1" data-focus="step">${lesson.say(step.text)}</p>
      ${question ? html`<fieldset ?disabled=${!!reveal || this.session.busy}>
        <legend>${t.predict} ${lesson.say(question.prompt)}</legend>
        ${question.choices.map(([id, key]) => html`<label><input type="radio" name="prediction" .value=${id}
          .checked=${(reveal?.predicted ?? this.session.prediction) === id}
          @change=${() => ((this.session.prediction = id), this.requestUpdate())} />${lesson.say(key)}</label>`)}
      </fieldset>` : nothing}
      ${reveal
        ? this.renderReveal(lesson, step, reveal)
        : html`<button type="button" class="primary" ?disabled=${waiting || this.session.busy} @click=${() => this.act((lab) => this.session.perform(lab), 'reveal')}>
            ${question ? t.doIt(label) : t.doItOnly(label)}</button>
          ${waiting ? html`<p class="note">${t.pickFirst}</p>` : nothing}${this.session.busy ? html`<p class="note" role="status">${t.working}</p>` : nothing}`}`;
  }

  private renderReveal(lesson: Lesson, step: StepSpec<string>, reveal: Reveal): TemplateResult {
    const t = paneWords();
    const choice = (id: string | null): string | null => {
      const key = step.question?.choices.find(([choiceId]) => choiceId === id)?.[1];
      return key === undefined ? null : lesson.say(key);
    };
    const observed = choice(reveal.observed);
    const predicted = choice(reveal.predicted);
    const right = reveal.predicted !== null && reveal.predicted === reveal.observed;
    const said = observed === null ? (step.question ? t.unexpected : '') : predicted === null ? t.revealOnly(observed) : right ? t.revealRight(observed) : t.revealWrong(predicted, observed);
    const last = this.session.progress.step + 1 >= lesson.steps.length;
    return html`<div class="reveal ${step.question ? (right ? 'right' : 'wrong') : ''}" role="status" tabindex="-1" data-focus="reveal" data-testid="lesson-reveal">
        ${said ? html`<p><strong>${said}</strong></p>` : nothing}
        <p><strong>${t.why}:</strong> ${lesson.say(step.explain)}</p>
      </div>
      <button type="button" class="primary" @click=${() => ((this.focusNext = last ? 'done' : 'step'), this.session.next())}>${last ? t.finish : t.nextStep}</button>`;
  }

  private renderNeighbour(offset: number, label: string): TemplateResult | typeof nothing {
    const lesson = this.session.neighbour(offset) ?? (offset > 0 && !this.session.lesson ? LESSONS[0]! : null);
    return lesson ? html`<button type="button" @click=${() => this.session.open(lesson.id)}>${label}</button>` : nothing;
  }

  /** Runs a session task; then focus goes to `focus` (the button pressed is gone, and a keyboard learner reads on from there). */
  private act(task: (lab: LessonLab) => Promise<void>, focus: string): void {
    if (!this.lab) return;
    void task(this.lab.api).then(() => {
      this.focusNext = focus;
      this.requestUpdate();
    });
  }

  override updated(): void {
    if (!this.focusNext) return;
    this.renderRoot.querySelector<HTMLElement>(`[data-focus="${this.focusNext}"]`)?.focus();
    this.focusNext = null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lesson-pane': LessonPane;
  }
}
