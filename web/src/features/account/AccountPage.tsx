import { type FormEvent, useMemo } from 'react';
import { useNavigate } from 'react-router';
import { type Me, useChangePassword, useSignOut, useUpdateMe } from '../../api/account';
import { useSession } from '../../app/session';
import { browserTimeZone, format, isLocale, LANGUAGE_NAMES, LOCALES, useI18n } from '../../i18n';
import {
  Button,
  Checkbox,
  ErrorSummary,
  Field,
  Notice,
  Page,
  SelectField,
  useFieldErrors,
  formText,
} from '../../ui';
import { Loading } from '../../app/Layout';
import { PASSWORD_MAX, PASSWORD_MIN } from '../auth/password-rules';

function timeZones(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) ? zones : [current, ...zones];
}

function ProfileForm({ me }: { me: Me }) {
  const { t, setLocale, formatDateTime } = useI18n();
  const update = useUpdateMe();
  const errorsFor = useFieldErrors(update.error);
  const zone = me.timeZone ?? browserTimeZone();
  const zones = useMemo(() => timeZones(zone), [zone]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const locale = form.get('locale');
    update.mutate(
      {
        fullName: formText(form, 'fullName'),
        timeZone: formText(form, 'timeZone'),
        ...(isLocale(locale) ? { locale } : {}),
      },
      { onSuccess: (saved) => setLocale(saved.locale) },
    );
  };

  return (
    <section className="section" aria-labelledby="profile-title">
      <h2 id="profile-title">{t.account.profile}</h2>
      <p className="muted">
        {me.email} · {me.roles.map((role) => t.roles[role]).join(', ')}
        <br />
        {format(t.account.memberSince, { date: formatDateTime(me.createdAt) })}
      </p>
      <ErrorSummary
        error={update.error}
        fields={{ fullName: t.common.fullName, locale: t.account.language, timeZone: t.account.timeZone }}
      />
      {update.isSuccess && (
        <Notice tone="success" live>
          <p>{t.account.profileSaved}</p>
        </Notice>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <Field
          name="fullName"
          label={t.common.fullName}
          autoComplete="name"
          defaultValue={me.fullName}
          required
          maxLength={200}
          errors={errorsFor('fullName')}
        />
        <SelectField
          name="locale"
          label={t.account.language}
          hint={t.account.languageHint}
          defaultValue={me.locale}
          options={LOCALES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code], lang: code }))}
          errors={errorsFor('locale')}
        />
        <SelectField
          name="timeZone"
          label={t.account.timeZone}
          hint={t.account.timeZoneHint}
          defaultValue={zone}
          options={zones.map((z) => ({ value: z, label: z.replaceAll('_', ' ') }))}
          errors={errorsFor('timeZone')}
        />
        <Button type="submit" busy={update.isPending} busyLabel={t.common.saving}>
          {t.account.saveProfile}
        </Button>
      </form>
    </section>
  );
}

function PasswordForm() {
  const { t, plural } = useI18n();
  const change = useChangePassword();
  const errorsFor = useFieldErrors(change.error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    change.mutate(
      {
        currentPassword: formText(form, 'currentPassword'),
        newPassword: formText(form, 'newPassword'),
      },
      { onSuccess: () => formElement.reset() },
    );
  };

  return (
    <section className="section" aria-labelledby="password-title">
      <h2 id="password-title">{t.account.passwordSection}</h2>
      <ErrorSummary
        error={change.error}
        fields={{ currentPassword: t.account.currentPassword, newPassword: t.account.newPassword }}
      />
      {change.isSuccess && (
        <Notice tone="success" live>
          <p>{t.account.passwordChanged}</p>
        </Notice>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <Field
          name="currentPassword"
          type="password"
          label={t.account.currentPassword}
          autoComplete="current-password"
          required
          errors={errorsFor('currentPassword')}
        />
        <Field
          name="newPassword"
          type="password"
          label={t.account.newPassword}
          hint={plural(t.register.passwordHint, PASSWORD_MIN)}
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          maxLength={PASSWORD_MAX}
          errors={errorsFor('newPassword')}
        />
        <Button type="submit" busy={change.isPending} busyLabel={t.common.saving}>
          {t.account.changePassword}
        </Button>
      </form>
    </section>
  );
}

function ReminderForm({ me }: { me: Me }) {
  const { t } = useI18n();
  const update = useUpdateMe();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.mutate({ jurorReminders: new FormData(event.currentTarget).get('jurorReminders') === 'on' });
  };

  return (
    <section className="section" aria-labelledby="mail-title">
      <h2 id="mail-title">{t.account.notifications}</h2>
      <ErrorSummary error={update.error} />
      {update.isSuccess && (
        <Notice tone="success" live>
          <p>{t.account.preferencesSaved}</p>
        </Notice>
      )}
      <form className="form form--wide" onSubmit={submit}>
        <Checkbox
          name="jurorReminders"
          label={t.account.reminders}
          hint={t.account.remindersHint}
          defaultChecked={me.jurorReminders ?? true}
        />
        <Button type="submit" variant="secondary" busy={update.isPending} busyLabel={t.common.saving}>
          {t.account.savePreferences}
        </Button>
      </form>
    </section>
  );
}

function SessionsSection() {
  const { t } = useI18n();
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <section className="section" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t.account.sessions}</h2>
      <p>{t.account.sessionsLead}</p>
      <ErrorSummary error={signOut.error} />
      <Button
        variant="danger"
        busy={signOut.isPending}
        onClick={() => signOut.mutate('everywhere', { onSuccess: () => void navigate('/sign-out') })}
      >
        {t.account.signOutEverywhere}
      </Button>
    </section>
  );
}

export default function AccountPage() {
  const { t } = useI18n();
  const session = useSession();
  const me = session.status === 'signedIn' ? session.me : undefined;
  if (!me) return <Loading />;
  return (
    <Page title={t.account.title}>
      <ProfileForm me={me} />
      <PasswordForm />
      {me.roles.includes('juror') && <ReminderForm me={me} />}
      <SessionsSection />
    </Page>
  );
}
