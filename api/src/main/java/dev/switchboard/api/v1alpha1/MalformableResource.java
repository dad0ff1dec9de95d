package dev.switchboard.api.v1alpha1;

/** A resource whose spec remembers malformed fields ({@link Malformable}). */
public interface MalformableResource {
  /** The spec, or null when the resource has none. */
  Malformable malformableSpec();
}
