package io.github.vaultk8s.k8s.manifest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A set of rendered objects, e.g. everything one deployment applies. Immutable list; {@link #copy()} gives
 * an independent deep copy to seed mistakes into.
 */
public final class Manifests {

	private final List<ManifestObject> objects;

	public Manifests(Collection<ManifestObject> objects) {
		this.objects = List.copyOf(objects);
	}

	public List<ManifestObject> all() {
		return this.objects;
	}

	public List<ManifestObject> ofKind(String kind) {
		return filter((object) -> kind.equals(object.kind()));
	}

	public List<ManifestObject> filter(Predicate<ManifestObject> predicate) {
		return this.objects.stream().filter(predicate).toList();
	}

	public Optional<ManifestObject> find(String kind, String namespace, String name) {
		return this.objects.stream()
			.filter((object) -> object.is(kind, name))
			.filter((object) -> namespace == null || namespace.equals(object.namespace()))
			.findFirst();
	}

	/** The single object of a kind and name; fails the calling test when absent. */
	public ManifestObject get(String kind, String name) {
		return this.objects.stream()
			.filter((object) -> object.is(kind, name))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No " + kind + " named " + name));
	}

	public Manifests copy() {
		return new Manifests(this.objects.stream().map(ManifestObject::copy).toList());
	}

	public Manifests plus(Manifests other) {
		List<ManifestObject> union = new ArrayList<>(this.objects);
		union.addAll(other.objects);
		return new Manifests(union);
	}

	/** A copy without the objects matching the predicate. */
	public Manifests without(Predicate<ManifestObject> predicate) {
		return new Manifests(filter(predicate.negate()));
	}

	public int size() {
		return this.objects.size();
	}

}
