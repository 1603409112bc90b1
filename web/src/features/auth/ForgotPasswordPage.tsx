import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useRequestPasswordReset } from '../../api/account';
import { format, useI18n } from '../../i18n';
import { Button, ErrorSummary, Field, Notice, Page, useFieldErrors, formText } from '../../ui';

export default function ForgotPasswordPage() {
  const { t } = useI18n();
  const request = useRequestPasswordReset();
  const errorsFor = useFieldErrors(request.error);
  const [email, setEmail] = useState('');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = formText(new FormData(event.currentTarget), 'email');
    setEmail(value);
    request.mutate(value);
  };

  return (
    <Page title={t.forgot.title} lead={request.isSuccess ? undefined : t.forgot.lead} narrow>
      {request.isSuccess ? (
        <>
          {/* The same answer whether or not the address has an account. */}
          <Notice tone="success" live>
            <p>{format(t.forgot.done, { email })}</p>
          </Notice>
          <p>
            <Link to="/sign-in">{t.signIn.submit}</Link>
          </p>
        </>
      ) : (
        <>
          <ErrorSummary error={request.error} fields={{ email: t.common.email }} />
          <form className="form" onSubmit={submit} noValidate>
            <Field
              name="email"
              type="email"
              label={t.common.email}
              autoComplete="email"
              required
              errors={errorsFor('email')}
            />
            <Button type="submit" busy={request.isPending}>
              {t.forgot.submit}
            </Button>
          </form>
        </>
      )}
    </Page>
  );
}
