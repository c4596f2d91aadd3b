package dev.stratus.image.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.common.auth.AuthContext;
import dev.stratus.common.auth.Policy;
import dev.stratus.common.fault.ApiException;
import dev.stratus.image.persistence.ImageEntity;
import dev.stratus.image.persistence.ImageMemberEntity;
import dev.stratus.image.service.ImageAccess;
import dev.stratus.image.service.ImageRecords;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v2/images/{id}/members}: the owner shares a {@code shared} image with projects; each member
 * project accepts or rejects it, which decides whether it appears in that project's image list.
 */
@Path("/v2/images/{id}/members")
@Produces(MediaType.APPLICATION_JSON)
public class ImageMembersResource {

    private final Policy policy;
    private final ImageRecords records;

    public ImageMembersResource(Policy policy, ImageRecords records) {
        this.policy = policy;
        this.records = records;
    }

    @GET
    @WithSession
    public Uni<Map<String, Object>> list(@PathParam("id") String id) {
        AuthContext caller = policy.caller();
        return records.visible(caller, id).chain(image -> {
            boolean manager = ImageAccess.isAdmin(caller) || ImageAccess.owns(caller, image);
            return (manager
                    ? ImageMemberEntity.<ImageMemberEntity>list("imageId = ?1 order by createdAt", id)
                    : ImageMemberEntity.<ImageMemberEntity>list("imageId = ?1 and memberId = ?2", id,
                            caller.projectId()))
                    .map(members -> Map.of("members", members.stream().map(ImageMembersResource::render).toList(),
                            "schema", "/v2/schemas/members"));
        });
    }

    @GET
    @Path("{member}")
    @WithSession
    public Uni<Map<String, Object>> show(@PathParam("id") String id, @PathParam("member") String member) {
        AuthContext caller = policy.caller();
        return records.visible(caller, id).chain(image -> {
            if (!ImageAccess.isAdmin(caller) && !ImageAccess.owns(caller, image)
                    && !member.equals(caller.projectId())) {
                throw ApiException.notFound("Member " + member + " not found for image " + id + ".");
            }
            return find(id, member);
        }).map(ImageMembersResource::render);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    public Uni<Map<String, Object>> add(@PathParam("id") String id, JsonNode body) {
        AuthContext caller = policy.caller();
        String member = body == null ? null : body.path("member").asText(null);
        if (member == null || member.isBlank() || member.length() > 255) {
            throw ApiException.badRequest("Invalid member: a 'member' project id is required.");
        }
        return records.visible(caller, id).chain(image -> {
            ImageAccess.requireModify(caller, image, "share");
            requireShared(image);
            return ImageMemberEntity.findById(new ImageMemberEntity.Key(id, member));
        }).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().failure(ApiException.conflict(
                        "Member " + member + " already associated with image " + id + "."));
            }
            ImageMemberEntity m = new ImageMemberEntity();
            m.imageId = id;
            m.memberId = member;
            m.status = ImageMemberEntity.PENDING;
            m.createdAt = Instant.now();
            m.updatedAt = m.createdAt;
            return m.<ImageMemberEntity>persist();
        }).map(ImageMembersResource::render);
    }

    /** Only the member project itself decides whether it accepts. */
    @PUT
    @Path("{member}")
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    public Uni<Map<String, Object>> update(@PathParam("id") String id, @PathParam("member") String member,
            JsonNode body) {
        AuthContext caller = policy.caller();
        String status = body == null ? null : body.path("status").asText(null);
        if (status == null || !Set.of("pending", "accepted", "rejected").contains(status)) {
            throw ApiException.badRequest("Invalid status: " + status + ". Valid: pending, accepted, rejected.");
        }
        return records.visible(caller, id).chain(image -> {
            if (!member.equals(caller.projectId()) && !ImageAccess.isAdmin(caller)) {
                throw ApiException.forbidden("You are not permitted to modify 'status' on this image member.");
            }
            return find(id, member);
        }).invoke(m -> {
            m.status = status;
            m.updatedAt = Instant.now();
        }).map(ImageMembersResource::render);
    }

    @DELETE
    @Path("{member}")
    @WithTransaction
    public Uni<Response> remove(@PathParam("id") String id, @PathParam("member") String member) {
        AuthContext caller = policy.caller();
        return records.visible(caller, id)
                .invoke(image -> ImageAccess.requireModify(caller, image, "unshare"))
                .chain(() -> find(id, member))
                .call(ImageMemberEntity::deleteRow)
                .map(x -> Response.noContent().build());
    }

    private static void requireShared(ImageEntity image) {
        if (!"shared".equals(image.visibility)) {
            throw ApiException.forbidden("Only shared images have members.");
        }
    }

    private static Uni<ImageMemberEntity> find(String id, String member) {
        return ImageMemberEntity.<ImageMemberEntity>findById(new ImageMemberEntity.Key(id, member))
                .onItem().ifNull().failWith(() -> ApiException.notFound(
                        "Member " + member + " not found for image " + id + "."));
    }

    private static Map<String, Object> render(ImageMemberEntity m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("image_id", m.imageId);
        out.put("member_id", m.memberId);
        out.put("status", m.status);
        out.put("created_at", ImageView.time(m.createdAt));
        out.put("updated_at", ImageView.time(m.updatedAt));
        out.put("schema", "/v2/schemas/member");
        return out;
    }
}
