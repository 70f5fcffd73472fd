-- Test-only emulation of the Cisco Unified Presence "temporary presence subscription" (quick contacts).
--
-- A local user subscribes by sending directed available presence to a bare JID with an entity-caps
-- <c/> whose features contain http://webex.com/connect/temp-presence+notify. Like a real server,
-- the module learns a ver's features by asking the client: disco#info to node#ver (XEP-0115), cached
-- per ver; the directed presence is held meanwhile. A temp ver's presence is consumed (not delivered
-- to the contact). From then on every broadcast presence of the watched account is pushed to the
-- watcher as <message type='headline'> carrying a pubsub#event item of node
-- http://webex.com/connect/temp-presence with the presence inside; the current presence (or
-- unavailable) is pushed right away. A later directed presence with a ver without the feature (the
-- client's base caps) ends the watch, and so does the watcher's session ending. A directed presence
-- whose ver has no such feature and that ends no watch is delivered as usual. A ver whose disco#info
-- fails (item-not-found) counts as one without the feature; `temp_presence_log` records each
-- query's node and outcome for the tests.

local st = require "util.stanza";
local jid_bare = require "util.jid".bare;

local NODE = "http://webex.com/connect/temp-presence";
local FEATURE = NODE .. "+notify";
local DISCO = "http://jabber.org/protocol/disco#info";
local known = {}; -- ver -> true (temp) / false
local latest = {}; -- watcher .. " " .. watched -> the token of the newest directed presence
local queries = 0;
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
	local pair = watcher .. " " .. watched;
	queries = queries + 1;
	local token = queries;
	latest[pair] = token;
	local function apply(temp)
		if latest[pair] ~= token then
			return; -- a newer directed presence decides
		end
		if temp then
			watchers[watched] = watchers[watched] or {};
			watchers[watched][watcher] = true;
			module:log("debug", "%s watches %s", watcher, watched);
			send_current(watcher, watched);
		elseif watchers[watched] and watchers[watched][watcher] then
			watchers[watched][watcher] = nil;
			module:log("debug", "%s stops watching %s", watcher, watched);
		else
			return false; -- not ours
		end
		return true;
	end
	local ver = caps.attr.ver;
	if known[ver] ~= nil then
		return apply(known[ver]) or nil;
	end
	local node = (caps.attr.node or "") .. "#" .. (ver or "");
	local query = st.iq({ type = "get", from = module.host, to = watcher, id = "temp-disco-" .. token })
		:tag("query", { xmlns = DISCO, node = node }):up();
	module:send_iq(query):next(function(response)
		local temp = false;
		local result = response.stanza:get_child("query", DISCO);
		for feature in (result and result:childtags("feature") or function() end) do
			if feature.attr.var == FEATURE then
				temp = true;
			end
		end
		module:log("info", "temp_presence_log disco %s: %s", node, temp and "temp" or "base");
		known[ver] = temp;
		if apply(temp) == false then
			module:send(stanza);
		end
	end, function(err)
		module:log("info", "temp_presence_log disco %s: error %s", node, tostring(err and err.condition));
		known[ver] = false;
		if apply(false) == false then
			module:send(stanza);
		end
	end);
	return true; -- held until the client told us what this ver means
end, 10);

module:hook("resource-unbind", function(event)
	local full = event.session.full_jid;
	if full then
		for _, set in pairs(watchers) do
			set[full] = nil;
		end
	end
end);
