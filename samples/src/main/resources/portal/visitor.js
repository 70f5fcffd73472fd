'use strict';
(function () {
  const $ = id => document.getElementById(id);
  const status = text => { $('status').textContent = text; };
  let agent = 'agent';
  const socket = connect('/ws/visitor', ev => handlers[ev.type] && handlers[ev.type](ev));
  const rooms = roomView($('rooms'), c => socket.send(c));
  const handlers = {
    waiting() { status('Waiting for an agent…'); },
    assigned(ev) {
      agent = ev.agent;
      $('agent').textContent = ev.agent;
      status('Connected to ' + ev.agent);
    },
    agentPresence(ev) { $('agent-presence').textContent = ev.show; $('agent-presence').className = 'presence ' + ev.show; },
    agentLeft(ev) {
      appendTo($('log'), el('div', { class: 'notice agent-left', text: ev.agent + ' left the chat. Finding another agent…' }));
      $('agent-presence').textContent = 'offline';
      $('typing').hidden = true;
      status('Waiting for an agent…');
    },
    typing(ev) { $('typing').hidden = ev.state !== 'composing'; $('typing').textContent = agent + ' is typing…'; },
    message(ev) { $('typing').hidden = true; appendTo($('log'), line(ev.from, ev.text, ev.html, false)); },
    room: rooms, occupants: rooms, roomMessage: rooms, roomClosed: rooms,
    transcript(ev) {
      $('transcript').hidden = false;
      $('transcript-items').replaceChildren(...ev.items.map(i => el('li', {}, el('b', { text: i.from + ': ' }), i.text)));
    },
    closed() { status('Chat ended. Thank you!'); },
    error(ev) { status(ev.text); },
    disconnected() { status('Disconnected'); }
  };
  $('ask').addEventListener('click', () => {
    const question = $('question').value.trim();
    if (!question) return;
    socket.send({ type: 'start', name: $('name').value, question });
    $('start').hidden = true;
    $('chat').hidden = false;
    appendTo($('log'), line($('name').value || 'You', question, null, true));
  });
  const send = () => {
    const text = $('text').value.trim();
    if (!text) return;
    socket.send({ type: 'say', text });
    appendTo($('log'), line('You', text, null, true));
    $('text').value = '';
  };
  $('send').addEventListener('click', send);
  $('text').addEventListener('keydown', e => { if (e.key === 'Enter') send(); });
  keystrokes($('text'), () => socket.send({ type: 'typing' }));
  $('end').addEventListener('click', () => socket.send({ type: 'end' }));
})();
