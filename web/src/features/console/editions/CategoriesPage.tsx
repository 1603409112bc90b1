import { useState } from 'react';
import { useDeleteCategory, useDeleteCriterion, useUpdateCategory } from '../../../api/console-editions';
import { type Category, type Criterion, useCategories } from '../../../api/nominations';
import { format, useI18n } from '../../../i18n';
import { Button, Notice, Page } from '../../../ui';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { QueryState } from '../../../ui/QueryState';
import { localized } from '../../nominations/shared';
import { useConsoleEdition } from '../ConsoleLayout';
import { CategoryEditor, CriterionEditor } from './CategoryEditors';
import { judgingHasOpened, useEditionsError } from './shared';
import './editions.css';
import '../strings/editions';

/** What is being edited: one editor at a time, so field ids stay unique on the page. */
type Editing =
  | { kind: 'category'; id: string }
  | { kind: 'newCategory' }
  | { kind: 'criterion'; id: string; categoryId: string }
  | { kind: 'newCriterion'; categoryId: string }
  | null;

/** What is being removed, asked about first. */
type Removing =
  | { kind: 'category' }
  | { kind: 'criterion'; criterion: Criterion }
  | { kind: 'question'; index: number }
  | null;

/**
 * Asks before a category, a criterion or a question goes; the server's refusal (frozen once judging opens,
 * nominations in the category, its last criterion) shows inside, in the organiser's words.
 */
function RemoveDialog({
  category,
  removing,
  onDone,
}: {
  category: Category;
  removing: NonNullable<Removing>;
  onDone: (removed: boolean) => void;
}) {
  const { t, locale } = useI18n();
  const m = t.consoleEditions.categories;
  const edition = useConsoleEdition();
  const removeCategory = useDeleteCategory(edition.id);
  const removeCriterion = useDeleteCriterion(edition.id);
  const updateCategory = useUpdateCategory(edition.id);
  const categoryError = useEditionsError(removeCategory.error);
  const criterionError = useEditionsError(removeCriterion.error);
  const questionError = useEditionsError(updateCategory.error);
  const common = { id: 'remove-dialog-title', confirmLabel: m.remove, onDone };
  if (removing.kind === 'category') {
    return (
      <ConfirmDialog
        {...common}
        title={format(m.removeCategoryTitle, { name: localized(category.name, locale) })}
        action={removeCategory}
        variables={category.id}
        error={categoryError}
      >
        <p>{m.removeCategoryText}</p>
      </ConfirmDialog>
    );
  }
  if (removing.kind === 'criterion') {
    return (
      <ConfirmDialog
        {...common}
        title={format(m.removeCriterionTitle, { name: localized(removing.criterion.name, locale) })}
        action={removeCriterion}
        variables={removing.criterion.id}
        error={criterionError}
      >
        <p>{m.removeCriterionText}</p>
      </ConfirmDialog>
    );
  }
  const question = category.questions[removing.index];
  return (
    <ConfirmDialog
      {...common}
      title={format(m.removeQuestionTitle, { prompt: question ? localized(question.prompt, locale) : '' })}
      action={updateCategory}
      variables={{
        id: category.id,
        changes: { questions: category.questions.filter((_, index) => index !== removing.index) },
      }}
      error={questionError}
    >
      <p>{m.removeQuestionText}</p>
    </ConfirmDialog>
  );
}

function CategorySection({
  category,
  frozen,
  editing,
  setEditing,
  onDone,
  onRemoved,
}: {
  category: Category;
  frozen: boolean;
  editing: Editing;
  setEditing: (editing: Editing) => void;
  onDone: (saved: boolean) => void;
  onRemoved: () => void;
}) {
  const { t, locale, plural, formatDecimal } = useI18n();
  const [removing, setRemoving] = useState<Removing>(null);
  const m = t.consoleEditions.categories;
  const edition = useConsoleEdition();
  const name = localized(category.name, locale);
  const headingId = `category-${category.code}`;
  const editedCriterion =
    editing?.kind === 'criterion' && editing.categoryId === category.id
      ? category.criteria.find((c) => c.id === editing.id)
      : undefined;
  return (
    <section className="ed-category" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {name} <span className="ed-code">{category.code}</span>
      </h2>
      <p>{localized(category.description, locale)}</p>
      {!frozen && (
        <p>
          <Button
            variant="secondary"
            aria-describedby={headingId}
            onClick={() => setEditing({ kind: 'category', id: category.id })}
          >
            {m.editCategory}
          </Button>{' '}
          <Button
            variant="secondary"
            aria-describedby={headingId}
            onClick={() => setRemoving({ kind: 'category' })}
          >
            {m.removeCategory}
          </Button>
        </p>
      )}
      {removing && (
        <RemoveDialog
          category={category}
          removing={removing}
          onDone={(removed) => {
            setRemoving(null);
            if (removed) onRemoved();
          }}
        />
      )}
      {editing?.kind === 'category' && editing.id === category.id && (
        <CategoryEditor editionId={edition.id} category={category} onDone={onDone} />
      )}

      <h3>{m.questions}</h3>
      {category.questions.length === 0 ? (
        <p className="muted">{m.noQuestions}</p>
      ) : (
        <ol className="ed-questions">
          {category.questions.map((question, index) => (
            <li key={question.code}>
              {localized(question.prompt, locale)}{' '}
              <span className="muted">
                ({question.required ? m.required : m.optional}, {plural(m.answerUpTo, question.maxLength)})
              </span>
              {!frozen && (
                <>
                  {' '}
                  <Button variant="secondary" onClick={() => setRemoving({ kind: 'question', index })}>
                    {format(m.removeQuestion, { number: index + 1 })}
                  </Button>
                </>
              )}
            </li>
          ))}
        </ol>
      )}

      <div className="ed-table-wrap">
        <table className="ed-table ed-table--stacked">
          <caption>{format(m.criteriaCaption, { category: name })}</caption>
          <thead>
            <tr>
              <th scope="col">{m.name}</th>
              <th scope="col">{m.code}</th>
              <th scope="col">{m.weight}</th>
              <th scope="col">{m.scale}</th>
              {!frozen && (
                <th scope="col">
                  <span className="visually-hidden">{m.actions}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {category.criteria.map((criterion) => {
              const criterionName = localized(criterion.name, locale);
              return (
                <tr key={criterion.id}>
                  <th scope="row">
                    {criterionName}
                    <span className="ed-slug">{localized(criterion.description, locale)}</span>
                  </th>
                  <td className="ed-code" data-label={m.code}>
                    {criterion.code}
                  </td>
                  <td data-label={m.weight}>{formatDecimal(criterion.weight)}</td>
                  <td data-label={m.scale}>
                    {format(m.scaleRange, { min: criterion.scaleMin, max: criterion.scaleMax })}
                  </td>
                  {!frozen && (
                    <td>
                      <Button
                        variant="secondary"
                        onClick={() =>
                          setEditing({ kind: 'criterion', id: criterion.id, categoryId: category.id })
                        }
                      >
                        {format(m.editCriterion, { name: criterionName })}
                      </Button>{' '}
                      <Button
                        variant="secondary"
                        onClick={() => setRemoving({ kind: 'criterion', criterion })}
                      >
                        {format(m.removeCriterion, { name: criterionName })}
                      </Button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {editedCriterion && (
        <CriterionEditor
          editionId={edition.id}
          category={category}
          criterion={editedCriterion}
          onDone={onDone}
        />
      )}
      {!frozen && (
        <p>
          <Button
            variant="secondary"
            aria-describedby={headingId}
            onClick={() => setEditing({ kind: 'newCriterion', categoryId: category.id })}
          >
            {m.addCriterion}
          </Button>
        </p>
      )}
      {editing?.kind === 'newCriterion' && editing.categoryId === category.id && (
        <CriterionEditor editionId={edition.id} category={category} onDone={onDone} />
      )}
    </section>
  );
}

/** `/organiser/editions/:editionId/categories`: the prizes and their criteria, editable until judging opens. */
export default function CategoriesPage() {
  const { t } = useI18n();
  const m = t.consoleEditions.categories;
  const edition = useConsoleEdition();
  const categories = useCategories(edition.id);
  const frozen = judgingHasOpened(edition);
  const [editing, setEditing] = useState<Editing>(null);
  const [saved, setSaved] = useState<'saved' | 'removed' | null>(null);
  const start = (next: Editing) => {
    setSaved(null);
    setEditing(next);
  };
  const done = (wasSaved: boolean) => {
    setEditing(null);
    setSaved(wasSaved ? 'saved' : null);
  };
  const removed = () => {
    setEditing(null);
    setSaved('removed');
  };
  return (
    <Page title={m.title} lead={m.lead}>
      {frozen && (
        <Notice>
          <p>{m.frozen}</p>
        </Notice>
      )}
      {saved && (
        <Notice tone="success" live>
          <p>{saved === 'removed' ? m.removed : m.saved}</p>
        </Notice>
      )}
      <QueryState query={categories}>
        {(list) => (
          <>
            {list.length === 0 && <p>{m.none}</p>}
            {list.map((category) => (
              <CategorySection
                key={category.id}
                category={category}
                frozen={frozen}
                editing={editing}
                setEditing={start}
                onDone={done}
                onRemoved={removed}
              />
            ))}
            {!frozen && (
              <div className="ed-category">
                <p>
                  <Button onClick={() => start({ kind: 'newCategory' })}>{m.addCategory}</Button>
                </p>
                {editing?.kind === 'newCategory' && <CategoryEditor editionId={edition.id} onDone={done} />}
              </div>
            )}
          </>
        )}
      </QueryState>
    </Page>
  );
}
