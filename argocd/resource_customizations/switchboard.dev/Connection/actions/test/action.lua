-- Requests a connection test: the operator runs one for every new value of this annotation.
local os = require("os")
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["switchboard.dev/test-requested"] = os.date("!%Y-%m-%dT%XZ")
return obj
