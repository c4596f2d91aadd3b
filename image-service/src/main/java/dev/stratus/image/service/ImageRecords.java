package dev.stratus.image.service;

import dev.stratus.common.auth.AuthContext;
import dev.stratus.image.store.ImageStores;
import dev.stratus.image.persistence.ImageEntity;
import dev.stratus.image.persistence.ImageLocationEntity;
import dev.stratus.image.persistence.ImageMemberEntity;
import dev.stratus.image.persistence.ImagePropertyEntity;
import dev.stratus.image.persistence.ImageTagEntity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Loads images with their properties and tags, and finds the ones a caller may see. */
@ApplicationScoped
public class ImageRecords {

    /** The metadata key naming a copy's store, as Glance's multiple stores set it. */
    static final String STORE_KEY = "store";

    private final ImageStores stores;

    public ImageRecords(ImageStores stores) {
        this.stores = stores;
    }

    /** The image if the caller may see it, else a 404. Needs a session. */
    public Uni<ImageEntity> visible(AuthContext caller, String id) {
        return ImageEntity.<ImageEntity>findById(id).chain(image -> {
            if (image == null) {
                return Uni.createFrom().failure(ImageAccess.notFound(id));
            }
            if (ImageAccess.isAdmin(caller) || ImageAccess.owns(caller, image) || !"shared".equals(image.visibility)) {
                return ImageAccess.canSee(caller, image, false)
                        ? Uni.createFrom().item(image) : Uni.createFrom().failure(ImageAccess.notFound(id));
            }
            return isMember(caller, id).map(member -> {
                if (!ImageAccess.canSee(caller, image, member)) {
                    throw ImageAccess.notFound(id);
                }
                return image;
            });
        });
    }

    private Uni<Boolean> isMember(AuthContext caller, String imageId) {
        if (caller.projectId() == null) {
            return Uni.createFrom().item(false);
        }
        return ImageMemberEntity.findById(new ImageMemberEntity.Key(imageId, caller.projectId()))
                .map(m -> m != null);
    }

    /** The locations of an image's copies. Needs a session. */
    public Uni<List<String>> locations(String imageId) {
        return ImageLocationEntity.<ImageLocationEntity>list("imageId = ?1 order by position", imageId)
                .map(rows -> rows.stream().map(l -> l.url).toList());
    }

    public Uni<ImageDetails> details(ImageEntity image) {
        return detailsOf(List.of(image)).map(list -> list.get(0));
    }

    /** Properties, tags and stores of many images in three queries. */
    public Uni<List<ImageDetails>> detailsOf(List<ImageEntity> images) {
        if (images.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> ids = images.stream().map(i -> i.id).toList();
        return ImagePropertyEntity.<ImagePropertyEntity>list("imageId in ?1", ids)
                .chain(props -> ImageTagEntity.<ImageTagEntity>list("imageId in ?1 order by value", ids)
                        .chain(tags -> ImageLocationEntity.<ImageLocationEntity>list("imageId in ?1 order by position", ids)
                        .map(locations -> {
                            Map<String, java.util.Set<String>> storesById = new HashMap<>();
                            locations.forEach(l -> stores.holding(l.url).ifPresent(s -> storesById
                                    .computeIfAbsent(l.imageId, k -> new java.util.TreeSet<>()).add(s.id())));
                            Map<String, List<ImageLocation>> locationsById = new HashMap<>();
                            locations.forEach(l -> locationsById.computeIfAbsent(l.imageId, k -> new ArrayList<>())
                                    .add(location(l)));
                            Map<String, Map<String, String>> propsById = new HashMap<>();
                            props.forEach(p -> propsById.computeIfAbsent(p.imageId, k -> new TreeMap<>())
                                    .put(p.name, p.value));
                            Map<String, List<String>> tagsById = new HashMap<>();
                            tags.forEach(t -> tagsById.computeIfAbsent(t.imageId, k -> new ArrayList<>()).add(t.value));
                            List<ImageDetails> out = new ArrayList<>();
                            for (ImageEntity image : images) {
                                out.add(new ImageDetails(image,
                                        propsById.getOrDefault(image.id, new LinkedHashMap<>()),
                                        tagsById.getOrDefault(image.id, List.of()),
                                        List.copyOf(storesById.getOrDefault(image.id, java.util.Set.of())),
                                        locationsById.getOrDefault(image.id, List.of())));
                            }
                            return out;
                        })));
    }

    /** A location as shown: its metadata, plus the store's id for a copy in one of the stores. */
    ImageLocation location(ImageLocationEntity row) {
        Map<String, Object> metadata = new LinkedHashMap<>(row.metadata == null ? Map.of() : row.metadata);
        stores.holding(row.url).ifPresent(s -> metadata.put(STORE_KEY, s.id()));
        return new ImageLocation(row.url, metadata);
    }

    public Uni<List<ImageEntity>> list(ImageQuery query) {
        return ImageEntity.<ImageEntity>list(query.hql(), query.params());
    }
}
