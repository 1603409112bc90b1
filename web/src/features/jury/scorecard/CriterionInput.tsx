import { useId, useState } from 'react';
import type { CriterionForJuror } from '../../../api/scorecards';
import { format, useI18n } from '../../../i18n';
import { localized } from '../../../i18n/localized';

/** Scales with more values than this get a number field: a row of 20 radios helps nobody. */
const MAX_RADIOS = 11;

interface CriterionInputProps {
  criterion: CriterionForJuror;
  value: number | undefined;
  readOnly: boolean;
  onChange: (value: number | undefined) => void;
}

/**
 * One criterion: a fieldset whose legend is its name, its description and scale as the hint, and a native
 * radio per value (arrows move within it, Tab leaves it), or a number field for a long scale.
 */
export function CriterionInput({ criterion, value, readOnly, onChange }: CriterionInputProps) {
  const { t, locale, formatNumber } = useI18n();
  const id = useId();
  const name = localized(criterion.name, locale);
  const min = criterion.scaleMin;
  const max = criterion.scaleMax;
  const hintId = `${id}-hint`;
  const scale = format(t.scorecard.criterionScale, {
    min: formatNumber(min),
    max: formatNumber(max),
    weight: formatNumber(Number(criterion.weight)),
  });
  const count = max - min + 1;
  return (
    <fieldset
      className="criterion"
      disabled={readOnly}
      aria-describedby={hintId}
      data-criterion={criterion.code}
    >
      <legend>{name}</legend>
      <div id={hintId} className="criterion__hint">
        <p>{localized(criterion.description, locale)}</p>
        <p className="muted">
          {scale}. {format(t.scorecard.scaleEnds, { min: formatNumber(min), max: formatNumber(max) })}
        </p>
      </div>
      {count <= MAX_RADIOS ? (
        <div className="criterion__values">
          {Array.from({ length: count }, (_, i) => min + i).map((mark) => (
            <label key={mark} className="criterion__value">
              <input
                type="radio"
                name={`score-${criterion.code}`}
                value={mark}
                checked={value === mark}
                onChange={() => onChange(mark)}
              />
              <span>{formatNumber(mark)}</span>
            </label>
          ))}
        </div>
      ) : (
        <NumberMark criterion={criterion} name={name} value={value} onChange={onChange} />
      )}
    </fieldset>
  );
}

function NumberMark({
  criterion,
  name,
  value,
  onChange,
}: {
  criterion: CriterionForJuror;
  name: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const min = criterion.scaleMin;
  const max = criterion.scaleMax;
  const parsed = text.trim() === '' ? undefined : Number(text);
  const invalid = parsed !== undefined && (!Number.isInteger(parsed) || parsed < min || parsed > max);
  return (
    <div className={invalid ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {format(t.scorecard.markLabel, { criterion: name })}
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        {format(t.scorecard.numberHint, { min, max })}
      </p>
      {invalid && (
        <p className="field__error" id={`${id}-error`}>
          {format(t.scorecard.numberInvalid, { min, max })}
        </p>
      )}
      <input
        id={id}
        name={`score-${criterion.code}`}
        className="input input--mark"
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={text}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-hint ${id}-error` : `${id}-hint`}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          const mark = next.trim() === '' ? undefined : Number(next);
          if (mark === undefined) onChange(undefined);
          else if (Number.isInteger(mark) && mark >= min && mark <= max) onChange(mark);
        }}
      />
    </div>
  );
}
