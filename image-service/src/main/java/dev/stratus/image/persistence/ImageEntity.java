package dev.stratus.image.persistence;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "image")
public class ImageEntity extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    public String status;
    public String visibility;
    public String owner;
    @Column(name = "disk_format")
    public String diskFormat;
    @Column(name = "container_format")
    public String containerFormat;
    public Long size;
    @Column(name = "virtual_size")
    public Long virtualSize;
    public String checksum;
    @Column(name = "os_hash_algo")
    public String osHashAlgo;
    @Column(name = "os_hash_value")
    public String osHashValue;
    @Column(name = "min_disk")
    public int minDisk;
    @Column(name = "min_ram")
    public int minRam;
    @Column(name = "protected")
    public boolean isProtected;
    @Column(name = "os_hidden")
    public boolean osHidden;
    /** Where the staged data of an import in progress is; the copies in stores are ImageLocationEntity rows. */
    @Column(name = "staged_location")
    public String stagedLocation;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
