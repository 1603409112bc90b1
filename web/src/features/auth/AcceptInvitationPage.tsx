import { type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAcceptInvitation } from '../../api/account';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n';
import { Button, ErrorSummary, Field, Notice, Page, useFieldErrors, formText } from '../../ui';
import { PASSWORD_MAX, PASSWORD_MIN } from './password-rules';

/** A juror's or organiser's invitation (platform invitation): sets a name and password, or joins the account signed in. */
export default function AcceptInvitationPage() {
  const { t, locale, plural } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token');
  const session = useSession();
  const accept = useAcceptInvitation();
  const errorsFor = useFieldErrors(accept.error);
  const signedIn = session.status === 'signedIn';

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!token) return;
    if (signedIn) {
      accept.mutate({ token, locale });
      return;
    }
    const form = new FormData(event.currentTarget);
    accept.mutate({
      token,
      fullName: formText(form, 'fullName'),
      password: formText(form, 'password'),
      locale,
    });
  };

  if (!token) {
    return (
      <Page title={t.invitation.title} narrow>
        <Notice tone="warning">
          <p>{t.verifyEmail.missingToken}</p>
        </Notice>
      </Page>
    );
  }
  if (accept.isSuccess) {
    return (
      <Page title={t.invitation.title} narrow>
        <Notice tone="success" live>
          <p>{t.invitation.done}</p>
        </Notice>
        <p>
          <Link className="button" to={signedIn ? '/' : '/sign-in'}>
            {t.common.continue}
          </Link>
        </p>
      </Page>
    );
  }
  const here = `/invitations/accept?token=${encodeURIComponent(token)}`;
  return (
    <Page title={t.invitation.title} lead={t.invitation.lead} narrow>
      <ErrorSummary
        error={accept.error}
        fields={{ fullName: t.common.fullName, password: t.common.password }}
      />
      <form className="form" onSubmit={submit} noValidate>
        {!signedIn && (
          <>
            <p className="muted">
              {t.invitation.existingHint}{' '}
              <Link to={`/sign-in?next=${encodeURIComponent(here)}`}>{t.signIn.submit}</Link>
            </p>
            <Field
              name="fullName"
              label={t.common.fullName}
              autoComplete="name"
              maxLength={200}
              errors={errorsFor('fullName')}
            />
            <Field
              name="password"
              type="password"
              label={t.common.password}
              hint={plural(t.register.passwordHint, PASSWORD_MIN)}
              autoComplete="new-password"
              minLength={PASSWORD_MIN}
              maxLength={PASSWORD_MAX}
              errors={errorsFor('password')}
            />
          </>
        )}
        <Button type="submit" busy={accept.isPending}>
          {t.invitation.submit}
        </Button>
      </form>
    </Page>
  );
}
