import { html } from 'lit';
import { MIN_PASSWORD_LENGTH } from '../../schema/index.js';
import type { OfficeController } from './app.js';
import { onSubmit, problemSummary, textField } from './parts.js';

/**
 * Logging in: the username and password, the second factor when the backend asks for it, and the new password
 * while the account still has its one-time one. When the session ended in the middle of work the same form
 * shows above the screen (which stays, inert, with what was typed) and the work carries on after it.
 */
export function renderLogin(app: OfficeController, relogin: boolean) {
  const t = app.texts.login;
  const login = app.login;
  if (app.session.stage === 'change') {
    return html`<section aria-labelledby="login-heading" class=${relogin ? 'relogin' : ''}>
      <h2 id="login-heading" tabindex="-1" data-screen-heading>${t.changeTitle}</h2>
      <p>${t.changeIntro}</p>
      ${problemSummary(app, true)}
      <form novalidate @submit=${onSubmit(() => app.submitPasswordChange())}>
        ${textField(app, {
          id: 'new-password',
          label: t.newPassword,
          hint: t.newPasswordHint(MIN_PASSWORD_LENGTH),
          type: 'password',
          autocomplete: 'new-password',
          value: login.newPassword,
          onInput: (v) => (login.newPassword = v),
        })}
        ${textField(app, {
          id: 'repeat-password',
          label: t.repeatPassword,
          type: 'password',
          autocomplete: 'new-password',
          value: login.repeatPassword,
          onInput: (v) => (login.repeatPassword = v),
        })}
        <button type="submit" part="button" aria-disabled=${app.loggingIn ? 'true' : 'false'}>${t.changeSubmit}</button>
      </form>
    </section>`;
  }
  const code = app.session.stage === 'code';
  return html`<section aria-labelledby="login-heading" class=${relogin ? 'relogin' : ''}>
    <h2 id="login-heading" tabindex="-1" data-screen-heading>${relogin ? t.expiredTitle : t.title}</h2>
    <p>${relogin ? t.expiredIntro : t.intro}</p>
    ${problemSummary(app, true)}
    <form novalidate @submit=${onSubmit(() => app.submitLogin())}>
      ${textField(app, {
        id: 'username',
        label: t.username,
        autocomplete: 'username',
        value: login.username,
        onInput: (v) => (login.username = v),
      })}
      ${textField(app, {
        id: 'password',
        label: t.password,
        type: 'password',
        autocomplete: 'current-password',
        value: login.password,
        onInput: (v) => (login.password = v),
      })}
      ${code
        ? textField(app, {
            id: 'code',
            label: t.code,
            hint: t.codeHint,
            inputmode: 'numeric',
            autocomplete: 'one-time-code',
            value: login.code,
            onInput: (v) => (login.code = v),
          })
        : ''}
      <button type="submit" part="button" aria-disabled=${app.loggingIn ? 'true' : 'false'}>${t.submit}</button>
    </form>
  </section>`;
}
