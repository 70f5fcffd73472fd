-- Test-only module for a MUC component: the XEP-0045 room configuration field
-- muc#roomconfig_maxusers, which Prosody 0.12 lacks (ejabberd has it). A room with a
-- maximum refuses one more occupant with service-unavailable, as XEP-0045 7.2.11 says,
-- so that "room full" can be tested on both servers. No limit unless configured.

local st = require "util.stanza";

module:hook("muc-config-form", function(event)
	table.insert(event.form, {
		name = "muc#roomconfig_maxusers";
		type = "text-single";
		label = "Maximum number of occupants (test module)";
		value = event.room._data.test_maxusers and tostring(event.room._data.test_maxusers) or "";
	});
end, 80-4);

module:hook("muc-config-submitted/muc#roomconfig_maxusers", function(event)
	event.room._data.test_maxusers = tonumber(event.value);
end);

module:hook("muc-occupant-pre-join", function(event)
	local room = event.room;
	local max = room._data.test_maxusers;
	if not max then return end
	local count = 0;
	for _ in room:each_occupant() do count = count + 1; end
	if count >= max then
		event.origin.send(st.error_reply(event.stanza, "wait", "service-unavailable", "The room is full", room.jid));
		return true;
	end
end, 5);
