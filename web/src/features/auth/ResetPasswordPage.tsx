import { type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useConfirmPasswordReset } from '../../api/account';
import { useI18n } from '../../i18n';
import { Button, ErrorSummary, Field, Notice, Page, useFieldErrors, formText } from '../../ui';
import { PASSWORD_MAX, PASSWORD_MIN } from './password-rules';

export default function ResetPasswordPage() {
  const { t, plural } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token');
  const reset = useConfirmPasswordReset();
  const errorsFor = useFieldErrors(reset.error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!token) return;
    reset.mutate({ token, password: formText(new FormData(event.currentTarget), 'password') });
  };

  if (!token) {
    return (
      <Page title={t.reset.title} narrow>
        <Notice tone="warning">
          <p>{t.verifyEmail.missingToken}</p>
        </Notice>
        <p>
          <Link to="/forgot-password">{t.forgot.title}</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t.reset.title} narrow>
      {reset.isSuccess ? (
        <>
          <Notice tone="success" live>
            <p>{t.reset.done}</p>
          </Notice>
          <p>
            <Link className="button" to="/sign-in">
              {t.signIn.submit}
            </Link>
          </p>
        </>
      ) : (
        <>
          <ErrorSummary error={reset.error} fields={{ password: t.reset.newPassword }} />
          <form className="form" onSubmit={submit} noValidate>
            <Field
              name="password"
              type="password"
              label={t.reset.newPassword}
              hint={plural(t.register.passwordHint, PASSWORD_MIN)}
              autoComplete="new-password"
              required
              minLength={PASSWORD_MIN}
              maxLength={PASSWORD_MAX}
              errors={errorsFor('password')}
            />
            <Button type="submit" busy={reset.isPending}>
              {t.reset.submit}
            </Button>
          </form>
          {reset.isError && (
            <p>
              <Link to="/forgot-password">{t.forgot.title}</Link>
            </p>
          )}
        </>
      )}
    </Page>
  );
}
