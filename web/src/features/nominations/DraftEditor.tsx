import { useI18n, format } from '../../i18n';
import type { Category } from '../../api/nominations';
import { Button, Field, fieldId, useFieldErrors } from '../../ui';
import type { Autosave, DraftContent, MetricDraft } from './autosave';
import { Counter, localized, TextAreaField } from './shared';

export const TITLE_MAX = 200;
export const SUMMARY_MAX = 2000;
const METRICS_MAX = 20;

/** The autosave's state, said in a polite live region; `data-save-state` is the signal tests wait on. */
export function SaveStatus({ autosave }: { autosave: Autosave }) {
  const { t, locale, timeZone } = useI18n();
  const { state } = autosave;
  let text = '';
  let problem = false;
  switch (state.kind) {
    case 'pending':
      text = t.nominations.autosave.unsaved;
      break;
    case 'saving':
      text = t.nominations.autosave.saving;
      break;
    case 'saved':
      text = format(t.nominations.autosave.saved, {
        time: state.at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', timeZone }),
      });
      break;
    case 'restored':
      text = t.nominations.autosave.restored;
      break;
    case 'retrying':
      text = format(t.nominations.autosave.retrying, { seconds: state.seconds });
      problem = true;
      break;
    case 'invalid':
      text = t.nominations.autosave.invalid;
      problem = true;
      break;
    case 'frozen':
      text = t.nominations.autosave.frozen;
      problem = true;
      break;
    case 'conflict':
      text = t.nominations.conflict.title;
      problem = true;
      break;
    case 'idle':
      break;
  }
  return (
    <div
      className={
        problem
          ? 'nom-autosave nom-autosave--problem'
          : text
            ? 'nom-autosave'
            : 'nom-autosave nom-autosave--quiet'
      }
    >
      <p role="status" data-save-state={state.kind} className="nom-autosave__text">
        {text}
      </p>
      {state.kind === 'retrying' && (
        <Button variant="secondary" onClick={() => void autosave.flush()}>
          {t.nominations.autosave.retryNow}
        </Button>
      )}
    </div>
  );
}

/** The server's newer copy beside the user's text, and the choice between them. */
export function ConflictPanel({ autosave, category }: { autosave: Autosave; category: Category }) {
  const { t, locale, formatDateTime } = useI18n();
  if (autosave.state.kind !== 'conflict') return null;
  const server = autosave.state.server;
  return (
    <section className="nom-conflict" aria-labelledby="conflict-title">
      <h2 id="conflict-title">{t.nominations.conflict.title}</h2>
      <p>{t.nominations.conflict.lead}</p>
      <h3>{t.nominations.conflict.theirs}</h3>
      <p className="muted">
        {format(t.nominations.conflict.savedAt, { date: formatDateTime(server.updatedAt) })}
      </p>
      <dl>
        <dt>{t.nominations.nominationTitle}</dt>
        <dd>
          <blockquote>{server.title}</blockquote>
        </dd>
        <dt>{t.nominations.summary}</dt>
        <dd>
          <blockquote>{server.summary || '—'}</blockquote>
        </dd>
        {category.questions.map((q) => (
          <div key={q.code}>
            <dt>{localized(q.prompt, locale)}</dt>
            <dd>
              <blockquote>{server.answers[q.code] || '—'}</blockquote>
            </dd>
          </div>
        ))}
      </dl>
      <div className="actions">
        <Button onClick={autosave.keepMine}>{t.nominations.conflict.keepMine}</Button>
        <Button variant="secondary" onClick={autosave.takeTheirs}>
          {t.nominations.conflict.useTheirs}
        </Button>
      </div>
    </section>
  );
}

/** The draft's text: title, summary, the category's questions and the key metrics, all autosaved. */
export function DraftEditor({
  autosave,
  category,
  error,
}: {
  autosave: Autosave;
  category: Category;
  /** The last refusal (a submit, or an autosave the server found invalid), for the fields' own lines. */
  error: unknown;
}) {
  const { t, locale } = useI18n();
  const errorsFor = useFieldErrors(error);
  const { content } = autosave;
  const set = (patch: Partial<DraftContent>) => autosave.change({ ...content, ...patch });
  const setMetric = (index: number, patch: Partial<MetricDraft>) =>
    set({ metrics: content.metrics.map((m, i) => (i === index ? { ...m, ...patch } : m)) });
  const metricErrors = errorsFor('metrics');

  return (
    <form
      className="nom-editor"
      aria-labelledby="editor-title"
      noValidate
      onSubmit={(e) => e.preventDefault()}
    >
      <h2 id="editor-title">{t.nominations.editorTitle}</h2>
      <Field
        name="title"
        label={t.nominations.nominationTitle}
        hint={t.nominations.titleHint}
        required
        maxLength={TITLE_MAX}
        value={content.title}
        onChange={(e) => set({ title: e.target.value })}
        errors={errorsFor('title')}
      />
      <TextAreaField
        name="summary"
        label={t.nominations.summary}
        hint={t.nominations.summaryHint}
        required
        rows={6}
        value={content.summary}
        onChange={(e) => set({ summary: e.target.value })}
        errors={errorsFor('summary')}
        counter={<Counter length={content.summary.length} max={SUMMARY_MAX} />}
      />
      {category.questions.map((question) => {
        const name = `answers.${question.code}`;
        const text = content.answers[question.code] ?? '';
        return (
          <TextAreaField
            key={question.code}
            name={name}
            label={`${localized(question.prompt, locale)} ${
              question.required ? t.nominations.requiredQuestion : t.nominations.optionalQuestion
            }`}
            hint={format(t.nominations.answerHint, { max: question.maxLength })}
            required={question.required}
            rows={6}
            value={text}
            onChange={(e) => set({ answers: { ...content.answers, [question.code]: e.target.value } })}
            errors={errorsFor(name)}
            counter={<Counter length={text.length} max={question.maxLength} />}
          />
        );
      })}
      <fieldset
        className={metricErrors.length ? 'nom-fieldset field--invalid' : 'nom-fieldset'}
        id={fieldId('metrics')}
        tabIndex={-1}
        aria-describedby="metrics-hint"
      >
        <legend>{t.nominations.metrics}</legend>
        <p className="field__hint" id="metrics-hint">
          {t.nominations.metricsHint}
        </p>
        {metricErrors.length > 0 && <p className="field__error">{metricErrors.join(' ')}</p>}
        {content.metrics.length === 0 && <p className="muted">{t.nominations.noMetrics}</p>}
        {content.metrics.map((metric, i) => {
          const n = i + 1;
          return (
            <fieldset key={i} className="nom-fieldset">
              <legend>{format(t.nominations.metricLegend, { n })}</legend>
              <div className="nom-metric">
                <Field
                  name={`metrics.${i}.name`}
                  label={t.nominations.metricName}
                  maxLength={100}
                  value={metric.name}
                  onChange={(e) => setMetric(i, { name: e.target.value })}
                  errors={errorsFor(`metrics.${i}.name`)}
                />
                <Field
                  name={`metrics.${i}.value`}
                  label={t.nominations.metricValue}
                  inputMode="decimal"
                  value={metric.value}
                  onChange={(e) => setMetric(i, { value: e.target.value })}
                  errors={errorsFor(`metrics.${i}.value`)}
                />
                <Field
                  name={`metrics.${i}.unit`}
                  label={t.nominations.metricUnit}
                  maxLength={30}
                  value={metric.unit}
                  onChange={(e) => setMetric(i, { unit: e.target.value })}
                  errors={errorsFor(`metrics.${i}.unit`)}
                />
                <Button
                  variant="secondary"
                  onClick={() => set({ metrics: content.metrics.filter((_, j) => j !== i) })}
                >
                  {format(t.nominations.removeMetric, { n })}
                </Button>
              </div>
            </fieldset>
          );
        })}
        {content.metrics.length < METRICS_MAX && (
          <div>
            <Button
              variant="secondary"
              onClick={() => set({ metrics: [...content.metrics, { name: '', value: '', unit: '' }] })}
            >
              {t.nominations.addMetric}
            </Button>
          </div>
        )}
      </fieldset>
    </form>
  );
}
