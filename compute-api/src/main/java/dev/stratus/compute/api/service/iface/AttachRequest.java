package dev.stratus.compute.api.service.iface;

/**
 * What {@code POST os-interface} asks for: a network ({@code netId}, with an address when {@code fixedIp}), an
 * existing port ({@code portId}), or neither (the one network the project may use); {@code tag} from 2.49.
 */
public record AttachRequest(String netId, String portId, String fixedIp, String tag) {
}
