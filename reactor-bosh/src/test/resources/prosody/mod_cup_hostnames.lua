-- Test module: emulates Cisco Unified Presence service discovery. After mod_saslauth has built the
-- SASL <mechanisms/> feature, adds one <hostname> child per entry of the option cup_hostnames
-- (first the user's home node, then the backup node). An empty list adds nothing (HA off).
local xmlns_sasl = "urn:ietf:params:xml:ns:xmpp-sasl";
local hostnames = module:get_option_array("cup_hostnames", {});

module:hook("stream-features", function(event)
	local mechanisms = event.features:get_child("mechanisms", xmlns_sasl);
	if not mechanisms then
		return;
	end
	for _, name in ipairs(hostnames) do
		mechanisms:tag("hostname"):text(name):up();
	end
end, -10); -- after mod_saslauth (priority 0) added the mechanisms
