-- The "test" action runs a connection test now.
local actions = {}
actions["test"] = {["disabled"] = false}
return actions
