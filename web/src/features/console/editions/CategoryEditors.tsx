import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import {
  useCreateCategory,
  useCreateCriterion,
  useUpdateCategory,
  useUpdateCriterion,
} from '../../../api/console-editions';
import type { Category, CategoryQuestion, Criterion, LocalizedText } from '../../../api/nominations';
import { format, LOCALES, useI18n } from '../../../i18n';
import { Button, Checkbox, ErrorSummary, Field, formText, useFieldErrors } from '../../../ui';
import { TextAreaField } from '../../nominations/shared';
import { useEditionsError } from './shared';
import '../strings/editions';

const blank: LocalizedText = { en: '', ru: '', kk: '', de: '' };

function readLocalized(form: FormData, name: string): LocalizedText {
  return {
    en: formText(form, `${name}.en`),
    ru: formText(form, `${name}.ru`),
    kk: formText(form, `${name}.kk`),
    de: formText(form, `${name}.de`),
  };
}

/** One text in the four languages, each its own labelled field marked with its language. */
function LocalizedFields({
  name,
  label,
  values = blank,
  multiline = false,
  maxLength,
  errorsFor,
}: {
  name: string;
  label: string;
  values?: LocalizedText;
  multiline?: boolean;
  maxLength: number;
  errorsFor: (field: string) => string[];
}) {
  const { t } = useI18n();
  const m = t.consoleEditions.categories;
  return (
    <fieldset className="ed-fieldset">
      <legend>{label}</legend>
      <div className="ed-languages">
        {LOCALES.map((lang) => {
          const props = {
            name: `${name}.${lang}`,
            label: format(m.inLanguage, { field: label, language: m.languages[lang] }),
            lang,
            required: true,
            maxLength,
            defaultValue: values[lang],
            errors: errorsFor(`${name}.${lang}`),
          };
          return multiline ? (
            <TextAreaField key={lang} rows={3} {...props} />
          ) : (
            <Field key={lang} {...props} />
          );
        })}
      </div>
    </fieldset>
  );
}

/** The fields of a criterion, under `prefix` (a new category's first criterion sits in `criteria.0.`). */
function CriterionFields({
  prefix = '',
  criterion,
  errorsFor,
}: {
  prefix?: string;
  criterion?: Criterion;
  errorsFor: (field: string) => string[];
}) {
  const { t } = useI18n();
  const m = t.consoleEditions.categories;
  return (
    <>
      <Field
        name={`${prefix}code`}
        label={m.code}
        hint={m.codeHint}
        required
        maxLength={40}
        spellCheck={false}
        autoCapitalize="none"
        defaultValue={criterion?.code}
        errors={errorsFor(`${prefix}code`)}
      />
      <LocalizedFields
        name={`${prefix}name`}
        label={m.name}
        values={criterion?.name}
        maxLength={200}
        errorsFor={errorsFor}
      />
      <LocalizedFields
        name={`${prefix}description`}
        label={m.description}
        values={criterion?.description}
        multiline
        maxLength={2000}
        errorsFor={errorsFor}
      />
      <Field
        name={`${prefix}weight`}
        label={m.weight}
        hint={m.weightHint}
        inputMode="decimal"
        required
        defaultValue={criterion?.weight ?? '1'}
        errors={errorsFor(`${prefix}weight`)}
      />
      <div className="ed-dates">
        <Field
          name={`${prefix}scaleMin`}
          label={m.scaleMin}
          type="number"
          inputMode="numeric"
          min={0}
          max={99}
          defaultValue={criterion?.scaleMin ?? 0}
          errors={errorsFor(`${prefix}scaleMin`)}
        />
        <Field
          name={`${prefix}scaleMax`}
          label={m.scaleMax}
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          defaultValue={criterion?.scaleMax ?? 10}
          errors={errorsFor(`${prefix}scaleMax`)}
        />
      </div>
    </>
  );
}

function readCriterion(form: FormData, prefix = '') {
  const number = (name: string) => {
    const text = formText(form, `${prefix}${name}`).trim();
    return text === '' ? Number.NaN : Number(text);
  };
  return {
    code: formText(form, `${prefix}code`).trim(),
    name: readLocalized(form, `${prefix}name`),
    description: readLocalized(form, `${prefix}description`),
    weight: formText(form, `${prefix}weight`).trim().replace(',', '.'),
    scaleMin: number('scaleMin'),
    scaleMax: number('scaleMax'),
  };
}

/** The editor's frame: a heading that takes focus when it opens, the refusal, Save and Cancel. */
function EditorFrame({
  title,
  error,
  busy,
  onSubmit,
  onCancel,
  children,
}: {
  title: string;
  error: unknown;
  busy: boolean;
  onSubmit: (form: FormData) => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const m = t.consoleEditions.categories;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit(new FormData(event.currentTarget));
  };
  return (
    <div className="ed-editor">
      <h3 ref={heading} tabIndex={-1}>
        {title}
      </h3>
      <ErrorSummary error={error} />
      <form className="form form--wide" onSubmit={submit} noValidate>
        {children}
        <div className="actions">
          <Button type="submit" busy={busy} busyLabel={t.common.saving}>
            {m.save}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {m.cancel}
          </Button>
        </div>
      </form>
    </div>
  );
}

interface QuestionRow {
  key: number;
  question: CategoryQuestion;
}

/** A category's questions to entrants: each in four languages, required or not, with its longest answer. */
function QuestionsFields({
  rows,
  setRows,
  errorsFor,
}: {
  rows: QuestionRow[];
  setRows: (update: (rows: QuestionRow[]) => QuestionRow[]) => void;
  errorsFor: (field: string) => string[];
}) {
  const { t } = useI18n();
  const m = t.consoleEditions.categories;
  return (
    <fieldset className="ed-fieldset">
      <legend>{m.questions}</legend>
      {rows.length === 0 && <p className="muted">{m.noQuestions}</p>}
      {rows.map(({ key, question }, index) => {
        const number = index + 1;
        return (
          <fieldset className="ed-fieldset" key={key}>
            <legend>{format(m.question, { number })}</legend>
            <Field
              name={`questions.${key}.code`}
              label={m.code}
              hint={m.codeHint}
              required
              maxLength={40}
              defaultValue={question.code}
              errors={errorsFor(`questions.${index}.code`)}
            />
            <LocalizedFields
              name={`questions.${key}.prompt`}
              label={m.questionPrompt}
              values={question.prompt}
              multiline
              maxLength={2000}
              errorsFor={errorsFor}
            />
            <Checkbox
              name={`questions.${key}.required`}
              label={m.required}
              defaultChecked={question.required}
            />
            <Field
              name={`questions.${key}.maxLength`}
              label={m.maxLength}
              type="number"
              inputMode="numeric"
              min={1}
              max={20000}
              defaultValue={question.maxLength}
              errors={errorsFor(`questions.${index}.maxLength`)}
            />
            <p>
              <Button
                variant="secondary"
                onClick={() => setRows((list) => list.filter((row) => row.key !== key))}
              >
                {format(m.removeQuestion, { number })}
              </Button>
            </p>
          </fieldset>
        );
      })}
      <p>
        <Button
          variant="secondary"
          onClick={() =>
            setRows((list) => [
              ...list,
              {
                key: Math.max(-1, ...list.map((row) => row.key)) + 1,
                question: { code: '', prompt: blank, required: false, maxLength: 2000 },
              },
            ])
          }
        >
          {m.addQuestion}
        </Button>
      </p>
    </fieldset>
  );
}

function readQuestions(form: FormData, rows: QuestionRow[]): CategoryQuestion[] {
  return rows.map(({ key }) => ({
    code: formText(form, `questions.${key}.code`).trim(),
    prompt: readLocalized(form, `questions.${key}.prompt`),
    required: form.get(`questions.${key}.required`) === 'on',
    maxLength: Number(formText(form, `questions.${key}.maxLength`) || Number.NaN),
  }));
}

/** Adds a category (with its first criterion: a category is always scored on something) or edits one. */
export function CategoryEditor({
  editionId,
  category,
  onDone,
}: {
  editionId: string;
  category?: Category;
  onDone: (saved: boolean) => void;
}) {
  const { t, locale } = useI18n();
  const m = t.consoleEditions.categories;
  const create = useCreateCategory(editionId);
  const update = useUpdateCategory(editionId);
  const write = category ? update : create;
  const error = useEditionsError(write.error);
  const errorsFor = useFieldErrors(write.error);
  const [rows, setRows] = useState<QuestionRow[]>(
    (category?.questions ?? []).map((question, key) => ({ key, question })),
  );
  const save = (form: FormData) => {
    const fields = {
      code: formText(form, 'code').trim(),
      name: readLocalized(form, 'name'),
      description: readLocalized(form, 'description'),
      questions: readQuestions(form, rows),
    };
    if (category) update.mutate({ id: category.id, changes: fields }, { onSuccess: () => onDone(true) });
    else
      create.mutate(
        { ...fields, criteria: [readCriterion(form, 'criteria.0.')] },
        { onSuccess: () => onDone(true) },
      );
  };
  return (
    <EditorFrame
      title={
        category
          ? format(m.editingCategory, { category: category.name[locale] || category.name.en })
          : m.newCategory
      }
      error={error}
      busy={write.isPending}
      onSubmit={save}
      onCancel={() => onDone(false)}
    >
      <Field
        name="code"
        label={m.code}
        hint={m.codeHint}
        required
        maxLength={40}
        spellCheck={false}
        autoCapitalize="none"
        defaultValue={category?.code}
        errors={errorsFor('code')}
      />
      <LocalizedFields
        name="name"
        label={m.name}
        values={category?.name}
        maxLength={200}
        errorsFor={errorsFor}
      />
      <LocalizedFields
        name="description"
        label={m.description}
        values={category?.description}
        multiline
        maxLength={2000}
        errorsFor={errorsFor}
      />
      <QuestionsFields rows={rows} setRows={setRows} errorsFor={errorsFor} />
      {!category && (
        <fieldset className="ed-fieldset">
          <legend>{m.firstCriterion}</legend>
          <CriterionFields prefix="criteria.0." errorsFor={errorsFor} />
        </fieldset>
      )}
    </EditorFrame>
  );
}

/** Adds a criterion to a category, or edits one. */
export function CriterionEditor({
  editionId,
  category,
  criterion,
  onDone,
}: {
  editionId: string;
  category: Category;
  criterion?: Criterion;
  onDone: (saved: boolean) => void;
}) {
  const { t, locale } = useI18n();
  const m = t.consoleEditions.categories;
  const create = useCreateCriterion(editionId);
  const update = useUpdateCriterion(editionId);
  const write = criterion ? update : create;
  const error = useEditionsError(write.error);
  const errorsFor = useFieldErrors(write.error);
  const save = (form: FormData) => {
    const fields = readCriterion(form);
    if (criterion) update.mutate({ id: criterion.id, changes: fields }, { onSuccess: () => onDone(true) });
    else create.mutate({ categoryId: category.id, criterion: fields }, { onSuccess: () => onDone(true) });
  };
  return (
    <EditorFrame
      title={
        criterion
          ? format(m.editingCriterion, { criterion: criterion.name[locale] || criterion.name.en })
          : format(m.newCriterion, { category: category.name[locale] || category.name.en })
      }
      error={error}
      busy={write.isPending}
      onSubmit={save}
      onCancel={() => onDone(false)}
    >
      <CriterionFields criterion={criterion} errorsFor={errorsFor} />
    </EditorFrame>
  );
}
