/**
 * Rendering kustomizations offline: a small in-JVM renderer for the subset of kustomize this repository
 * uses (so every check runs where kubectl is absent), and {@code kubectl kustomize} where it is present
 * (so the renderer is held to the real thing).
 */
package io.github.vaultk8s.k8s.render;
