package io.github.vaultk8s.k8s.render;

import io.github.vaultk8s.k8s.render.Kustomization.ImageOverride;

/**
 * A container image reference split into name, tag and digest ({@code registry/repo:tag@sha256:...}).
 *
 * @param name the name including any registry and port
 * @param tag the tag, or {@code null}
 * @param digest the digest, or {@code null}
 */
public record ImageReference(String name, String tag, String digest) {

	public static ImageReference parse(String image) {
		String rest = image;
		String digest = null;
		int at = rest.indexOf('@');
		if (at >= 0) {
			digest = rest.substring(at + 1);
			rest = rest.substring(0, at);
		}
		String tag = null;
		int colon = rest.lastIndexOf(':');
		// a colon before the last slash belongs to a registry port, not a tag
		if (colon > rest.lastIndexOf('/')) {
			tag = rest.substring(colon + 1);
			rest = rest.substring(0, colon);
		}
		return new ImageReference(rest, tag, digest);
	}

	String overriddenBy(ImageOverride override) {
		if (!this.name.equals(override.name())) {
			return toString();
		}
		String newName = (override.newName() != null) ? override.newName() : this.name;
		String newTag = (override.newTag() != null) ? override.newTag() : this.tag;
		String newDigest = (override.digest() != null) ? override.digest() : this.digest;
		return new ImageReference(newName, (override.digest() != null) ? null : newTag, newDigest).toString();
	}

	@Override
	public String toString() {
		return this.name + ((this.tag != null) ? ":" + this.tag : "") + ((this.digest != null) ? "@" + this.digest : "");
	}

}
