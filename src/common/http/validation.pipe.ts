import { ValidationPipe } from '@nestjs/common';
import { CommonErrors, DomainError } from '../errors/domain-error.js';
import { fieldProblems } from '../errors/field-problems.js';

export type { FieldProblem } from '../errors/field-problems.js';

/** Unknown fields are refused, types are converted as declared, and every bad field is listed with its rules. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    // The target and value let fieldProblems name the broken limit; neither leaves the server.
    validationError: { target: true, value: true },
    exceptionFactory: (errors) => {
      const fields = fieldProblems(errors);
      return new DomainError(
        CommonErrors.validation,
        fields.map((f) => `${f.field}: ${f.messages.join('; ')}`).join(' | '),
        { errors: fields },
      );
    },
  });
}
