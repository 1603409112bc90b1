import { type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSignIn } from '../../api/account';
import { useI18n } from '../../i18n';
import { Button, ErrorSummary, Field, Page, useFieldErrors, formText } from '../../ui';
import { safeNext } from './safe-next';

export default function SignInPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const errorsFor = useFieldErrors(signIn.error);
  const next = safeNext(params.get('next'));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    signIn.mutate(
      { email: formText(form, 'email'), password: formText(form, 'password') },
      { onSuccess: () => void navigate(next, { replace: true }) },
    );
  };

  return (
    <Page title={t.signIn.title} narrow>
      <ErrorSummary error={signIn.error} fields={{ email: t.common.email, password: t.common.password }} />
      <form className="form" onSubmit={submit} noValidate>
        <Field
          name="email"
          type="email"
          label={t.common.email}
          autoComplete="username"
          required
          errors={errorsFor('email')}
        />
        <Field
          name="password"
          type="password"
          label={t.common.password}
          autoComplete="current-password"
          required
          errors={errorsFor('password')}
        />
        <div className="actions">
          <Button type="submit" busy={signIn.isPending}>
            {t.signIn.submit}
          </Button>
          <Link to="/forgot-password">{t.signIn.forgot}</Link>
        </div>
      </form>
      <p className="muted">{t.signIn.lockedHint}</p>
      <p>
        {t.signIn.noAccount} <Link to="/register">{t.signIn.register}</Link>
      </p>
    </Page>
  );
}
