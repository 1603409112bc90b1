import { describe, expect, it } from '@jest/globals';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { createValidationPipe } from '../http/validation.pipe.js';
import { DomainError } from './domain-error.js';
import { type FieldProblem, fieldRule } from './field-problems.js';

enum Colour {
  Red = 'red',
  Green = 'green',
}

class Contact {
  @IsEmail()
  @MaxLength(254)
  email!: string;
}

class Sample {
  @IsOptional() @IsString() @Length(1, 200) name?: string;
  @IsOptional() @IsString() @Matches(/\S/, { message: '$property must not be blank' }) title?: string;
  @IsOptional() @IsString() @Matches(/^[A-Z]+$/) code?: string;
  @IsOptional() @IsString() @MinLength(12) password?: string;
  @IsOptional() @IsIn(['owner', 'member']) role?: string;
  @IsOptional() @IsEnum(Colour) colour?: Colour;
  @IsOptional() @IsInt() @Min(1) @Max(10) score?: number;
  @IsOptional() @ArrayMinSize(1) @ArrayMaxSize(3) @IsUUID('4', { each: true }) ids?: string[];
  @IsOptional() @IsUrl({ require_protocol: true }) website?: string;
  @IsOptional() @ValidateNested() @Type(() => Contact) contact?: Contact;
}

/** Runs the application's own pipe, as a request body would. */
async function refusal(body: Record<string, unknown>): Promise<FieldProblem[]> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: Sample });
  } catch (error) {
    if (error instanceof DomainError) return error.extensions.errors as FieldProblem[];
    throw error;
  }
  throw new Error('accepted');
}

const codesOf = async (body: Record<string, unknown>, field: string) =>
  (await refusal(body)).find((problem) => problem.field === field)?.codes;

describe('field problems: a code and the field’s own limits for each message', () => {
  it('says @Length by the end the value missed, with that end’s limit', async () => {
    expect(await codesOf({ name: 'x'.repeat(201) }, 'name')).toEqual([
      { code: 'maxLength', params: { max: 200 } },
    ]);
    expect(await codesOf({ name: '' }, 'name')).toEqual([{ code: 'isNotEmpty' }]);
  });

  it('keeps messages for API clients, one code per message, in order', async () => {
    const [problem] = await refusal({ score: 0.5 });
    expect(problem!.field).toBe('score');
    expect(problem!.messages).toHaveLength(problem!.codes!.length);
    expect(problem!.codes).toEqual([{ code: 'min', params: { min: 1 } }, { code: 'isInt' }]);
    expect(problem!.messages[0]).toContain('score must not be less than 1');
  });

  it.each([
    [{ password: 'short' }, 'password', [{ code: 'minLength', params: { min: 12 } }]],
    [{ title: '   ' }, 'title', [{ code: 'isNotEmpty' }]],
    [{ code: 'abc' }, 'code', [{ code: 'matches' }]],
    [{ role: 'admin' }, 'role', [{ code: 'isIn', params: { values: ['owner', 'member'] } }]],
    [{ colour: 'blue' }, 'colour', [{ code: 'isIn', params: { values: ['red', 'green'] } }]],
    [{ score: 11 }, 'score', [{ code: 'max', params: { max: 10 } }]],
    [{ ids: [] }, 'ids', [{ code: 'arrayMinSize', params: { min: 1 } }]],
    [
      { ids: ['a', 'b', 'c', 'd'] },
      'ids',
      [{ code: 'isUuid' }, { code: 'arrayMaxSize', params: { max: 3 } }],
    ],
    [{ website: 'javascript:alert(1)' }, 'website', [{ code: 'isUrl' }]],
    [{ contact: { email: 'nobody' } }, 'contact.email', [{ code: 'isEmail' }]],
    [{ unknown: 1 }, 'unknown', [{ code: 'whitelistValidation' }]],
  ])('%j → %s: %j', async (body, field, codes) => {
    expect(await codesOf(body, field)).toEqual(codes);
  });

  it('sends neither the value nor the object back', async () => {
    const text = JSON.stringify(await refusal({ name: 'secret'.repeat(40), contact: { email: 'hidden' } }));
    expect(text).not.toContain('secretsecret');
    expect(text).not.toContain('hidden');
    expect(text).not.toContain('"target"');
  });

  it('names a constraint it knows no limits of by its name alone', () => {
    expect(fieldRule('isTimeZone', undefined, 'Mars/Olympus')).toEqual({ code: 'isTimeZone' });
    expect(fieldRule('maxLength', undefined, 'x')).toEqual({ code: 'maxLength' });
  });
});
