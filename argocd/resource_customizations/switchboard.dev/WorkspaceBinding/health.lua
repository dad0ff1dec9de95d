-- Argo CD health of a Switchboard WorkspaceBinding, from its Ready condition.
local hs = {}
local function ready(obj)
  if obj.status ~= nil and obj.status.conditions ~= nil then
    for _, condition in ipairs(obj.status.conditions) do
      if condition.type == "Ready" then
        return condition
      end
    end
  end
  return nil
end
local condition = ready(obj)
if obj.metadata ~= nil and obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  if condition ~= nil and condition.reason == "InUse" then
    hs.message = condition.message
  else
    hs.message = "Being deleted"
  end
  return hs
end
if obj.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator"
  return hs
end
if obj.metadata.generation ~= nil and
    (obj.status.observedGeneration == nil or obj.status.observedGeneration < obj.metadata.generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. obj.metadata.generation
  return hs
end
if condition == nil or condition.status == "Unknown" then
  hs.status = "Progressing"
  hs.message = (condition ~= nil and condition.message) or "Waiting for the Ready condition"
  return hs
end
if condition.status == "True" then
  hs.status = "Healthy"
  hs.message = condition.message or ""
  return hs
end
hs.status = "Degraded"
hs.message = (condition.reason or "NotReady") .. ": " .. (condition.message or "")
return hs
