'use strict';
(function () {
  const $ = id => document.getElementById(id);
  const status = text => { $('status').textContent = text; };
  const chats = {};
  let me = '';
  let colleagues = [];
  const socket = connect('/ws/agent', ev => handlers[ev.type] && handlers[ev.type](ev));
  const rooms = roomView($('rooms'), c => socket.send(c));

  function colleagueOptions(select) {
    select.replaceChildren(...colleagues.filter(a => a.name !== me)
      .map(a => el('option', { value: a.jid, text: a.name + ' (' + a.show + ')' })));
  }

  function card(ev) {
    const log = el('div', { class: 'log' });
    const state = el('span', { class: 'visitor-state' });
    const text = el('input', { class: 'text', placeholder: 'Answer' });
    const xhtml = el('input', { type: 'checkbox', class: 'xhtml' });
    const send = el('button', { class: 'send', text: 'Send' });
    const colleague = el('select', { class: 'colleague' });
    const escalate = el('button', { class: 'escalate', text: 'Invite to a room' });
    const c = el('section', { class: 'chat card waiting', 'data-visitor': ev.visitor },
      el('h3', {}, el('span', { class: 'name', text: ev.name }), ' ', el('span', { class: 'badge', text: 'waiting' }), ' ', state),
      el('p', { class: 'question', text: ev.question }), log,
      el('div', { class: 'row' }, text, el('label', { class: 'small' }, xhtml, ' XHTML'), send),
      el('div', { class: 'row' }, colleague, escalate));
    colleagueOptions(colleague);
    const answer = () => {
      if (!text.value.trim()) return;
      socket.send({ type: 'say', visitor: ev.visitor, text: text.value, xhtml: xhtml.checked });
      text.value = '';
      c.classList.replace('waiting', 'open');
      c.querySelector('.badge').textContent = 'open';
    };
    send.addEventListener('click', answer);
    text.addEventListener('keydown', e => { if (e.key === 'Enter') answer(); });
    keystrokes(text, () => socket.send({ type: 'typing', visitor: ev.visitor }));
    escalate.addEventListener('click', () => socket.send({ type: 'escalate', visitor: ev.visitor, colleague: colleague.value }));
    $('chats').prepend(c);
    return { card: c, log, state, colleague };
  }

  const handlers = {
    signedIn(ev) {
      me = ev.name;
      $('signin').hidden = true;
      $('console').hidden = false;
      status('Signed in as ' + ev.name);
    },
    presence(ev) { $('presence').value = ev.show; },
    agents(ev) {
      colleagues = ev.agents;
      $('agents').replaceChildren(...ev.agents.map(a =>
        el('li', { class: 'agent-entry ' + a.show, 'data-agent': a.name }, el('b', { text: a.name }), ' ' + a.show + ', ' + a.chats + ' chats')));
      Object.values(chats).forEach(c => colleagueOptions(c.colleague));
    },
    queued(ev) { chats[ev.visitor] = card(ev); },
    message(ev) {
      const c = chats[ev.visitor];
      if (c) { appendTo(c.log, line(ev.from, ev.text, null, ev.mine)); if (!ev.mine) c.state.textContent = ''; }
    },
    typing(ev) {
      const c = chats[ev.visitor];
      if (c) c.state.textContent = ev.state === 'composing' ? 'typing…' : ev.state === 'gone' ? 'left' : '';
    },
    ended(ev) {
      const c = chats[ev.visitor];
      if (c) { c.card.classList.add('ended'); c.card.querySelector('.badge').textContent = 'ended'; }
    },
    transcript(ev) {
      const c = chats[ev.visitor];
      if (c) c.card.append(el('ol', { class: 'transcript' }, ...ev.items.map(i => el('li', {}, el('b', { text: i.from + ': ' }), i.text))));
    },
    room: rooms, occupants: rooms, roomMessage: rooms, roomClosed: rooms,
    error(ev) { status(ev.text); },
    disconnected() { status('Disconnected'); }
  };
  $('signin-button').addEventListener('click', () =>
    socket.send({ type: 'signin', user: $('user').value.trim(), password: $('password').value }));
  $('presence').addEventListener('change', () => socket.send({ type: 'presence', show: $('presence').value }));
})();
