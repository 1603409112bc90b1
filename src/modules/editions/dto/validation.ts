import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsISO8601, IsString, Matches, ValidateIf } from 'class-validator';

/**
 * Optional, but never null: PATCH bodies may leave a field out, not blank a column that must have a value.
 * (`@IsOptional()` would let `null` through.)
 */
export function OptionalNotNull(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}

/** An ISO 8601 instant with an explicit offset: a deadline without a time zone means different moments in Almaty and Berlin. */
export function IsInstant(): PropertyDecorator {
  return applyDecorators(
    IsISO8601(
      { strict: true, strictSeparator: true },
      { message: '$property must be an ISO 8601 date-time' },
    ),
    Matches(/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/, {
      message: '$property must be a date-time with a time zone (Z or ±hh:mm)',
    }),
  );
}

/** Lower-case letters, digits and single hyphens between them ("magistral-2025"). */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Category, criterion and question codes: what tie-breakers and answers refer to. Matches the migration's CHECK. */
export const CODE_PATTERN = /^[a-z0-9_]{2,40}$/;

/** A positive decimal that fits numeric(9,4): up to 5 integer digits and 4 decimals, not zero. */
export const WEIGHT_PATTERN = /^(?!0+(\.0+)?$)\d{1,5}(\.\d{1,4})?$/;

/**
 * A criterion weight: an exact decimal, sent as a string ("1.5") or a JSON number (1.5). Numbers are read
 * through their shortest decimal form, so 0.1 stays "0.1" and 1e-7 (too many places) is refused.
 */
export function IsWeight(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value)),
    IsString({ message: '$property must be a decimal number (string or number)' }),
    Matches(WEIGHT_PATTERN, {
      message: '$property must be a positive decimal with at most 5 integer digits and 4 decimal places',
    }),
  );
}

/** Text that is not just whitespace. */
export const NOT_BLANK = /\S/;

export function IsText(): PropertyDecorator {
  return applyDecorators(IsString(), Matches(NOT_BLANK, { message: '$property must not be blank' }));
}
