package dev.switchboard.apiserver;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A validating admission webhook's denial, worded as the API server reports one
 * (webhookerrors.ToStatusErr).
 */
record WebhookDenial(String resource, String namespace, String webhook, String message) {
  void admit(ResourceType type, JsonNode object) {
    if (type.resource().equals(resource)
        && namespace.equals(object.at("/metadata/namespace").asText())) {
      throw ApiError.webhookDenied(webhook, message);
    }
  }
}
