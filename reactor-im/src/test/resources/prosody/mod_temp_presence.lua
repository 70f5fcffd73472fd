-- Test-only emulation of the Cisco Unified Presence "temporary presence subscription" (quick contacts).
--
-- A local user subscribes by sending directed available presence to a bare JID with an entity-caps
-- <c/> whose ver is one of `temp_presence_vers` (the XEP-0115 ver of a feature list that contains
-- http://webex.com/connect/temp-presence+notify). The directed presence is consumed (not delivered
-- to the contact). From then on every broadcast presence of the watched account is pushed to the
-- watcher as <message type='headline'> carrying a pubsub#event item of node
-- http://webex.com/connect/temp-presence with the presence inside; the current presence (or
-- unavailable) is pushed right away. A later directed presence with another ver (the client's base
-- caps) ends the watch, and so does the watcher's session ending.
--
-- Why a configured ver set and not disco#info node#ver to the client: the reactor-xmpp session
-- answers disco#info only for its base caps node, so the server could not learn the features of the
-- temp ver from the client. The test computes the ver the same way the client does.

local st = require "util.stanza";
local jid_bare = require "util.jid".bare;

local NODE = "http://webex.com/connect/temp-presence";
local temp_vers = module:get_option_set("temp_presence_vers", {});
local bare_sessions = prosody.bare_sessions;

local watchers = {}; -- watched bare JID -> { [watcher full JID] = true }

local function notify(watcher, watched, presence)
	local p = st.clone(presence);
	p.attr.to = nil;
	p.attr.xmlns = "jabber:client"; -- explicit: it would otherwise inherit pubsub#event
	local message = st.message({ type = "headline", from = watched, to = watcher })
		:tag("event", { xmlns = "http://jabber.org/protocol/pubsub#event" })
			:tag("items", { node = NODE })
				:tag("item"):add_child(p):up()
			:up()
		:up();
	module:send(message);
end

local function send_current(watcher, watched)
	local user = bare_sessions[watched];
	local sent = false;
	for _, session in pairs(user and user.sessions or {}) do
		if session.presence then
			local p = st.clone(session.presence);
			p.attr.from = session.full_jid;
			notify(watcher, watched, p);
			sent = true;
		end
	end
	if not sent then
		notify(watcher, watched, st.presence({ from = watched, type = "unavailable" }));
	end
end

module:hook("pre-presence/bare", function(event)
	local stanza = event.stanza;
	local to, t = stanza.attr.to, stanza.attr.type;
	if to == nil then
		-- broadcast presence of a local user: tell whoever watches it
		if t == nil or t == "unavailable" then
			local watched = jid_bare(stanza.attr.from);
			for watcher in pairs(watchers[watched] or {}) do
				notify(watcher, watched, stanza);
			end
		end
		return; -- normal processing continues
	end
	if t ~= nil then
		return;
	end
	local caps = stanza:get_child("c", "http://jabber.org/protocol/caps");
	if not caps then
		return;
	end
	local watched, watcher = jid_bare(to), stanza.attr.from;
	if temp_vers:contains(caps.attr.ver) then
		watchers[watched] = watchers[watched] or {};
		watchers[watched][watcher] = true;
		module:log("debug", "%s watches %s", watcher, watched);
		send_current(watcher, watched);
		return true; -- consumed
	elseif watchers[watched] and watchers[watched][watcher] then
		watchers[watched][watcher] = nil;
		module:log("debug", "%s stops watching %s", watcher, watched);
		return true; -- consumed
	end
end, 10);

module:hook("resource-unbind", function(event)
	local full = event.session.full_jid;
	if full then
		for _, set in pairs(watchers) do
			set[full] = nil;
		end
	end
end);
