// Shared by both pages: one WebSocket with JSON commands out and JSON events in, and small DOM helpers.
// Text from the network only ever goes in with textContent; the one exception is XHTML-IM that the
// server has sanitised (XhtmlIm.html), rendered with innerHTML.
'use strict';

function connect(path, onEvent) {
  const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path;
  const socket = new WebSocket(url);
  const pending = [];
  socket.addEventListener('open', () => pending.splice(0).forEach(m => socket.send(m)));
  socket.addEventListener('message', e => onEvent(JSON.parse(e.data)));
  socket.addEventListener('close', () => onEvent({ type: 'disconnected' }));
  return {
    send(command) {
      const text = JSON.stringify(command);
      if (socket.readyState === WebSocket.OPEN) socket.send(text); else pending.push(text);
    }
  };
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
  });
  children.forEach(c => e.append(c));
  return e;
}

function line(from, text, html, mine) {
  const body = el('span', { class: 'body' });
  if (html) body.innerHTML = html; else body.textContent = text;
  return el('div', { class: 'msg' + (mine ? ' mine' : '') }, el('span', { class: 'from', text: from }), body);
}

function appendTo(log, node) {
  log.append(node);
  log.scrollTop = log.scrollHeight;
}

// keystrokes are sent at most every 400 ms; the server turns them into composing/paused chat states
function keystrokes(input, send) {
  let last = 0;
  input.addEventListener('input', () => {
    const now = Date.now();
    if (now - last > 400) { last = now; send(); }
  });
}

function roomView(container, send) {
  const rooms = {};
  return function (ev) {
    let r = rooms[ev.room];
    if (!r) {
      const occupants = el('ul', { class: 'occupants' });
      const log = el('div', { class: 'log room-log' });
      const text = el('input', { class: 'room-text', placeholder: 'Write to the room' });
      const button = el('button', { class: 'room-send', text: 'Send' });
      button.addEventListener('click', () => { send({ type: 'roomSay', room: ev.room, text: text.value }); text.value = ''; });
      const card = el('section', { class: 'room card', 'data-room': ev.room },
        el('h3', { text: 'Room ' + ev.room.split('@')[0] }), occupants, log, el('div', { class: 'row' }, text, button));
      container.append(card);
      container.hidden = false;
      r = rooms[ev.room] = { occupants, log, card };
    }
    if (ev.type === 'occupants') {
      r.occupants.replaceChildren(...ev.nicks.map(n => el('li', { text: n })));
    } else if (ev.type === 'roomMessage') {
      appendTo(r.log, line(ev.nick, ev.text, ev.html, false));
    } else if (ev.type === 'roomClosed') {
      r.card.classList.add('closed');
    }
  };
}
