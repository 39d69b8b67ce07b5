'use strict';
// The portal's minimal browser client: cookie session, CSRF header, and the live event stream.
(function () {
  const $ = (id) => document.getElementById(id);
  let events = null;

  function csrfToken() {
    const match = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]*)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  async function api(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['X-XSRF-TOKEN'] = csrfToken();
    const response = await fetch(path, {
      method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const detail = data && (data.detail || data.title) || response.statusText;
      const fields = data && data.errors ? ' (' + data.errors.map((e) => e.field + ': ' + e.message).join('; ') + ')' : '';
      throw new Error(detail + fields);
    }
    return data;
  }

  function notice(message) { $('notice').textContent = message; }

  function formJson(form) { return Object.fromEntries(new FormData(form).entries()); }

  function local(iso) {
    // Show the post's own wall-clock time, as the API gives it (with the post's offset).
    return iso.replace('T', ' ').slice(0, 16) + ' (' + iso.slice(19) + ')';
  }

  async function showSignedIn(me) {
    $('anonymous').hidden = true;
    $('citizen').hidden = false;
    $('whoami').hidden = false;
    $('me').textContent = me.firstName + ' ' + me.lastName + ' – ' + me.email;
    connectStream();
    await Promise.all([loadDirectory(), loadAppointments()]);
  }

  function showSignedOut() {
    if (events) { events.close(); events = null; }
    $('anonymous').hidden = false;
    $('citizen').hidden = true;
    $('whoami').hidden = true;
  }

  async function loadDirectory() {
    const [consulates, services] = await Promise.all([api('GET', '/api/v1/consulates'), api('GET', '/api/v1/services')]);
    $('consulates').replaceChildren(...consulates.map((c) => new Option(c.city + ' (' + c.code + ')', c.code)));
    $('services').replaceChildren(...services.map((s) => new Option(s.name + ' – ' + s.appointmentMinutes + ' min', s.code)));
  }

  async function loadAppointments() {
    const appointments = await api('GET', '/api/v1/me/appointments');
    $('appointments').replaceChildren(...appointments.map((a) => {
      const item = document.createElement('li');
      item.textContent = a.reference + ' – ' + a.service + ' à ' + a.consulate + ', ' + local(a.start) + ' – ' + a.status + ' ';
      if (a.status === 'BOOKED') {
        const cancel = document.createElement('button');
        cancel.type = 'button';
        cancel.textContent = 'Annuler';
        cancel.addEventListener('click', async () => {
          try { await api('DELETE', '/api/v1/me/appointments/' + a.id); notice('Rendez-vous annulé.'); await loadAppointments(); }
          catch (e) { notice(e.message); }
        });
        item.append(cancel);
      }
      return item;
    }));
  }

  async function searchSlots(form) {
    const query = formJson(form);
    const params = new URLSearchParams({ service: query.service });
    if (query.from) params.set('from', query.from);
    const slots = await api('GET', '/api/v1/consulates/' + encodeURIComponent(query.consulate) + '/slots?' + params);
    $('slots').replaceChildren(...slots.slice(0, 60).map((slot) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = local(slot.start) + ' · ' + slot.remaining + '/' + slot.capacity;
      button.disabled = slot.remaining === 0;
      button.addEventListener('click', async () => {
        try {
          const booked = await api('POST', '/api/v1/me/appointments', { slotId: slot.id });
          notice('Rendez-vous réservé : ' + booked.reference);
          await Promise.all([loadAppointments(), searchSlots(form)]);
        } catch (e) { notice(e.message); }
      });
      item.append(button);
      return item;
    }));
    if (slots.length === 0) notice('Aucun créneau sur cette période.');
  }

  function connectStream() {
    if (events) return;
    // EventSource sends the session cookie and, on reconnect, Last-Event-ID by itself.
    events = new EventSource('/api/v1/me/events');
    events.onopen = () => { $('stream-state').textContent = 'Connecté – mises à jour en direct'; };
    events.onerror = () => { $('stream-state').textContent = 'Reconnexion…'; };
    for (const type of ['appointment.booked', 'appointment.cancelled', 'appointment.status-changed']) {
      events.addEventListener(type, (message) => {
        const data = JSON.parse(message.data);
        const item = document.createElement('li');
        item.textContent = '#' + message.lastEventId + ' ' + type + ' ' + data.reference + ' → ' + data.status;
        $('feed').prepend(item);
        loadAppointments().catch(() => {});
      });
    }
  }

  async function verifyFromLink() {
    const token = new URLSearchParams(location.search).get('token');
    if (!token) return;
    // The mail says what the link is for in its fragment: #verify, #confirm-email or #reset-password.
    const purpose = location.hash.slice(1);
    history.replaceState(null, '', '/');
    try {
      if (purpose === 'confirm-email') {
        await api('POST', '/api/v1/accounts/email/confirm', { token });
        notice('Nouvelle adresse e-mail confirmée.');
      } else if (purpose === 'reset-password') {
        const newPassword = window.prompt('Nouveau mot de passe (12 caractères au moins)');
        if (!newPassword) return;
        await api('POST', '/api/v1/accounts/password-reset/confirm', { token, newPassword });
        notice('Mot de passe changé. Vous pouvez vous connecter.');
      } else {
        await api('POST', '/api/v1/accounts/verify', { token });
        notice('Adresse e-mail confirmée. Vous pouvez vous connecter.');
      }
    } catch (e) { notice(e.message); }
  }

  /** The password step, then, for accounts with two-factor authentication, the code step. */
  async function signIn(credentials) {
    const answer = await api('POST', '/api/v1/sessions', credentials);
    if (answer && answer.status === 'two-factor-required') {
      const code = window.prompt('Code de votre application d\u2019authentification (ou code de secours)');
      if (!code) throw new Error('Connexion annulée.');
      await api('POST', '/api/v1/sessions/two-factor', { challenge: answer.challenge, code: code.trim() });
    }
  }

  document.addEventListener('DOMContentLoaded', async () => {
    $('login-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      try { await signIn(formJson(event.target)); notice(''); await showSignedIn(await api('GET', '/api/v1/me')); }
      catch (e) { notice(e.message); }
    });
    $('forgot-password').addEventListener('click', async () => {
      const email = $('login-form').elements.email.value || window.prompt('Votre adresse e-mail');
      if (!email) return;
      try { await api('POST', '/api/v1/accounts/password-reset', { email }); notice('Si un compte existe pour cette adresse, un lien de réinitialisation lui a été envoyé.'); }
      catch (e) { notice(e.message); }
    });
    $('register-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      try { await api('POST', '/api/v1/accounts', formJson(event.target)); notice('Vérifiez votre boîte mail pour confirmer votre adresse.'); event.target.reset(); }
      catch (e) { notice(e.message); }
    });
    $('search-form').addEventListener('submit', (event) => { event.preventDefault(); searchSlots(event.target).catch((e) => notice(e.message)); });
    $('logout').addEventListener('click', async () => {
      try { await api('DELETE', '/api/v1/sessions/current'); } catch (e) { /* already signed out */ }
      showSignedOut();
    });
    await verifyFromLink();
    try { await showSignedIn(await api('GET', '/api/v1/me')); } catch (e) { showSignedOut(); }
  });
})();
