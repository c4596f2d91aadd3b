package dev.stratus.compute.node.virt;

/** The driver reports no diagnostics (Nova's {@code NotImplementedError}, a 501 at the API). */
public class DiagnosticsNotSupported extends VirtException {

    public DiagnosticsNotSupported(String message) {
        super(message);
    }
}
