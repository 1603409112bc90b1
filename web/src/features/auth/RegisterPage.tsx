import { type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useRegister, useSignIn } from '../../api/account';
import { useI18n } from '../../i18n';
import { Button, ErrorSummary, Field, Page, useFieldErrors, formText } from '../../ui';
import { PASSWORD_MAX, PASSWORD_MIN } from './password-rules';

export default function RegisterPage() {
  const { t, locale, plural } = useI18n();
  const navigate = useNavigate();
  const register = useRegister();
  const signIn = useSignIn();
  const error = register.error ?? signIn.error;
  const errorsFor = useFieldErrors(error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = formText(form, 'email');
    const password = formText(form, 'password');
    register.mutate(
      { email, password, fullName: formText(form, 'fullName'), locale },
      {
        // Signed in at once (unverified), so the next screen can resend the link or show progress.
        onSuccess: () =>
          signIn.mutate(
            { email, password },
            { onSuccess: () => void navigate('/', { state: { registeredEmail: email } }) },
          ),
      },
    );
  };

  return (
    <Page title={t.register.title} lead={t.register.lead} narrow>
      <ErrorSummary
        error={error}
        fields={{ fullName: t.common.fullName, email: t.common.email, password: t.common.password }}
      />
      <form className="form" onSubmit={submit} noValidate>
        <Field
          name="fullName"
          label={t.common.fullName}
          autoComplete="name"
          required
          maxLength={200}
          errors={errorsFor('fullName')}
        />
        <Field
          name="email"
          type="email"
          label={t.common.email}
          autoComplete="email"
          required
          maxLength={254}
          errors={errorsFor('email')}
        />
        <Field
          name="password"
          type="password"
          label={t.common.password}
          hint={plural(t.register.passwordHint, PASSWORD_MIN)}
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
          errors={errorsFor('password')}
        />
        <Button type="submit" busy={register.isPending || signIn.isPending}>
          {t.register.submit}
        </Button>
      </form>
      <p>
        {t.register.haveAccount} <Link to="/sign-in">{t.signIn.submit}</Link>
      </p>
    </Page>
  );
}
