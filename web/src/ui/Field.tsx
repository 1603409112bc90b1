import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, useId } from 'react';

interface FieldFrameProps {
  label: string;
  hint?: ReactNode;
  errors?: string[];
  id: string;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}

function FieldFrame({ label, hint, errors = [], id, children }: FieldFrameProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={errors.length ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {errors.length > 0 && (
        <p className="field__error" id={errorId}>
          {errors.join(' ')}
        </p>
      )}
      {children(describedBy, errors.length > 0)}
    </div>
  );
}

/** The id of a field's control, for the error summary's links. */
export const fieldId = (name: string) => `field-${name}`;

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'className' | 'id' | 'name'> {
  name: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
}

/** A labelled input with its hint and errors tied to it by aria-describedby. */
export function Field({ name, label, hint, errors, ...input }: FieldProps) {
  const id = fieldId(name);
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      {(describedBy, invalid) => (
        <input
          {...input}
          id={id}
          name={name}
          className="input"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
        />
      )}
    </FieldFrame>
  );
}

interface SelectFieldProps extends Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  'className' | 'id' | 'name'
> {
  name: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  options: { value: string; label: string; lang?: string }[];
}

export function SelectField({ name, label, hint, errors, options, ...select }: SelectFieldProps) {
  const id = fieldId(name);
  return (
    <FieldFrame id={id} label={label} hint={hint} errors={errors}>
      {(describedBy, invalid) => (
        <select
          {...select}
          id={id}
          name={name}
          className="input"
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value} lang={option.lang}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'className' | 'id' | 'type'> {
  name: string;
  label: string;
  hint?: ReactNode;
}

export function Checkbox({ name, label, hint, ...input }: CheckboxProps) {
  const id = fieldId(name);
  const hintId = useId();
  return (
    <div className="checkbox">
      <input {...input} type="checkbox" id={id} name={name} aria-describedby={hint ? hintId : undefined} />
      <div>
        <label htmlFor={id}>{label}</label>
        {hint && (
          <p className="field__hint" id={hintId}>
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}
