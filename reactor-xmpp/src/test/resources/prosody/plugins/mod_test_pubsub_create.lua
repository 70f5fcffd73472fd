-- Test-only module for a pubsub component: any account of the parent virtual host
-- may create nodes. Stock mod_pubsub gives the "create" capability only to the
-- "owner" affiliation, and service-wide owners are only server admins. This module
-- answers "owner" for the create action alone, so other rights stay as in stock Prosody
-- (the creator becomes owner of the new node through the normal node affiliation).

local jid_split = require "util.jid".split;

local parent_host = module:get_option_string("test_pubsub_create_host",
	(module.host:match("^[^.]+%.(.+)$")));

local function open_create(service)
	local stock = service.config.get_affiliation;
	service.config.get_affiliation = function (jid, node, action)
		local affiliation = stock(jid, node, action);
		if affiliation == nil and action == "create" then
			local _, host = jid_split(jid);
			if host == parent_host then
				return "owner";
			end
		end
		return affiliation;
	end;
end

open_create(module:depends("pubsub").get_service());
module:log("info", "Accounts of %s may create pubsub nodes on %s", parent_host, module.host);
